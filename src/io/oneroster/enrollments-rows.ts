import type { Enrollment, SchoolRoster, SectionPlacement } from "../../domain/roster.ts";
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
    yield* teacherEnrollmentsRows(context, roster);
    // A class's seat IDs (its own sourcedId may be a hash) are worked out once per class, not once per seat.
    const seatIds = new Map<string, { classId: string; seatId: (kind: EnrollmentKind, userId: string) => string }>();
    for (const placement of roster.sections) {
      const classId = context.classId(schoolId, placement.sectionId);
      seatIds.set(placement.sectionId, {
        classId,
        seatId: classEnrollmentSourcedIds(schoolId, placement.sectionId, classId),
      });
    }
    for (const enrollment of roster.enrollments) {
      const { classId, seatId } = seatIds.get(enrollment.sectionId)!;
      yield seatRow(
        seatId("student", enrollment.studentId),
        classId,
        schoolSourcedId,
        idSourcedId(enrollment.studentId),
      );
    }
  }
}

/** The teachers' rows of one roster's enrollments: each section's teacher, then its co-teacher. */
export function* teacherEnrollmentsRows(context: ExportContext, roster: SchoolRoster): Generator<EnrollmentRow> {
  const { schoolId } = roster;
  for (const placement of roster.sections) {
    const classId = context.classId(schoolId, placement.sectionId);
    if (placement.teacherId !== undefined) yield teacherEnrollmentRow(schoolId, placement, "teacher", classId);
    if (placement.coTeacherId !== undefined) yield teacherEnrollmentRow(schoolId, placement, "coteacher", classId);
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
  return seatRow(sourcedId, classId, idSourcedId(schoolId), idSourcedId(enrollment.studentId));
}

/** A student's seat, its sourcedIds made. */
export function seatRow(
  sourcedId: string,
  classId: string,
  schoolSourcedId: string,
  userSourcedId: string,
): EnrollmentRow {
  return {
    sourcedId,
    classSourcedId: classId,
    schoolSourcedId,
    userSourcedId,
    role: "student",
    primary: "false",
  };
}
