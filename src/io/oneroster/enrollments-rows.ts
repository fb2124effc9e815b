import type { Enrollment, SectionPlacement } from "../../domain/roster.ts";
import type { ENROLLMENTS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import {
  classEnrollmentSourcedIds,
  classSourcedId,
  enrollmentSourcedId,
  idSourcedId,
  type EnrollmentKind,
} from "./sourced-ids.ts";

type EnrollmentRow = Row<typeof ENROLLMENTS_COLUMNS>;

/**
 * The rows of enrollments.csv: each section's teacher (primary = true) and co-teacher
 * (role teacher, primary = false), then every student seat (role student).
 */
export function* enrollmentsRows(context: ExportContext): Generator<EnrollmentRow> {
  for (const roster of context.rosters) {
    const { schoolId } = roster;
    const schoolSourcedId = idSourcedId(schoolId);
    // A class's sourcedIds (its own may be a hash) are worked out once per class, not once per seat.
    const classes = new Map<string, { classId: string; seatId: (kind: EnrollmentKind, userId: string) => string }>();
    for (const placement of roster.sections) {
      const classId = context.classId(schoolId, placement.sectionId);
      classes.set(placement.sectionId, {
        classId,
        seatId: classEnrollmentSourcedIds(schoolId, placement.sectionId, classId),
      });
    }
    for (const placement of roster.sections) {
      const classId = classes.get(placement.sectionId)?.classId;
      if (placement.teacherId !== undefined) yield teacherEnrollmentRow(schoolId, placement, "teacher", classId);
      if (placement.coTeacherId !== undefined) yield teacherEnrollmentRow(schoolId, placement, "coteacher", classId);
    }
    for (const enrollment of roster.enrollments) {
      const { classId, seatId } = classes.get(enrollment.sectionId)!;
      yield seatRow(seatId("student", enrollment.studentId), classId, schoolSourcedId, enrollment.studentId);
    }
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
  const sourcedId = enrollmentSourcedId(schoolId, enrollment.sectionId, "student", enrollment.studentId, classId);
  return seatRow(sourcedId, classId, idSourcedId(schoolId), enrollment.studentId);
}

/** A student's seat, its sourcedIds made. */
function seatRow(sourcedId: string, classId: string, schoolSourcedId: string, studentId: string): EnrollmentRow {
  return {
    sourcedId,
    classSourcedId: classId,
    schoolSourcedId,
    userSourcedId: idSourcedId(studentId),
    role: "student",
    primary: "false",
  };
}
