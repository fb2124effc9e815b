import type { Enrollment, SectionPlacement } from "../../domain/roster.ts";
import type { ENROLLMENTS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { classSourcedId, enrollmentSourcedId, idSourcedId } from "./sourced-ids.ts";

type EnrollmentRow = Row<typeof ENROLLMENTS_COLUMNS>;

/**
 * The rows of enrollments.csv: each section's teacher (primary = true) and co-teacher
 * (role teacher, primary = false), then every student seat (role student).
 */
export function* enrollmentsRows(context: ExportContext): Generator<EnrollmentRow> {
  for (const roster of context.rosters) {
    for (const placement of roster.sections) {
      if (placement.teacherId !== undefined) yield teacherEnrollmentRow(roster.schoolId, placement, "teacher");
      if (placement.coTeacherId !== undefined) yield teacherEnrollmentRow(roster.schoolId, placement, "coteacher");
    }
    for (const enrollment of roster.enrollments) yield studentEnrollmentRow(roster.schoolId, enrollment);
  }
}

/** A section's teacher (primary = true) or co-teacher (role teacher, primary = false) in its class. */
export function teacherEnrollmentRow(schoolId: string, placement: SectionPlacement, kind: "teacher" | "coteacher"): EnrollmentRow {
  const userId = (kind === "teacher" ? placement.teacherId : placement.coTeacherId)!;
  return {
    sourcedId: enrollmentSourcedId(schoolId, placement.sectionId, kind, userId),
    classSourcedId: classSourcedId(schoolId, placement.sectionId),
    schoolSourcedId: idSourcedId(schoolId),
    userSourcedId: idSourcedId(userId),
    role: "teacher",
    primary: kind === "teacher" ? "true" : "false",
  };
}

/** A student's seat in a class. */
export function studentEnrollmentRow(schoolId: string, enrollment: Enrollment): EnrollmentRow {
  return {
    sourcedId: enrollmentSourcedId(schoolId, enrollment.sectionId, "student", enrollment.studentId),
    classSourcedId: classSourcedId(schoolId, enrollment.sectionId),
    schoolSourcedId: idSourcedId(schoolId),
    userSourcedId: idSourcedId(enrollment.studentId),
    role: "student",
    primary: "false",
  };
}
