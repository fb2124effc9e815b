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
    // A class's sourcedId may be a hash: made once per class, not once per seat.
    const classIds = new Map(
      roster.sections.map((placement) => [placement.sectionId, classSourcedId(roster.schoolId, placement.sectionId)]),
    );
    for (const placement of roster.sections) {
      if (placement.teacherId !== undefined)
        yield teacherEnrollmentRow(roster.schoolId, placement, "teacher", classIds.get(placement.sectionId));
      if (placement.coTeacherId !== undefined)
        yield teacherEnrollmentRow(roster.schoolId, placement, "coteacher", classIds.get(placement.sectionId));
    }
    for (const enrollment of roster.enrollments)
      yield studentEnrollmentRow(roster.schoolId, enrollment, classIds.get(enrollment.sectionId));
  }
}

/** A section's teacher (primary = true) or co-teacher (role teacher, primary = false) in its class. */
export function teacherEnrollmentRow(
  schoolId: string,
  placement: SectionPlacement,
  kind: "teacher" | "coteacher",
  classId = classSourcedId(schoolId, placement.sectionId),
): EnrollmentRow {
  const userId = (kind === "teacher" ? placement.teacherId : placement.coTeacherId)!;
  return {
    sourcedId: enrollmentSourcedId(schoolId, placement.sectionId, kind, userId, classId),
    classSourcedId: classId,
    schoolSourcedId: idSourcedId(schoolId),
    userSourcedId: idSourcedId(userId),
    role: "teacher",
    primary: kind === "teacher" ? "true" : "false",
  };
}

/** A student's seat in a class. */
export function studentEnrollmentRow(
  schoolId: string,
  enrollment: Enrollment,
  classId = classSourcedId(schoolId, enrollment.sectionId),
): EnrollmentRow {
  return {
    sourcedId: enrollmentSourcedId(schoolId, enrollment.sectionId, "student", enrollment.studentId, classId),
    classSourcedId: classId,
    schoolSourcedId: idSourcedId(schoolId),
    userSourcedId: idSourcedId(enrollment.studentId),
    role: "student",
    primary: "false",
  };
}
