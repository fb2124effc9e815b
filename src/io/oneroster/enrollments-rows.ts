import type { ENROLLMENTS_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { classSourcedId, enrollmentSourcedId, idSourcedId } from "./sourced-ids.ts";

/**
 * The rows of enrollments.csv: each section's teacher (primary = true) and co-teacher
 * (role teacher, primary = false), then every student seat (role student).
 */
export function* enrollmentsRows(context: ExportContext): Generator<Row<typeof ENROLLMENTS_COLUMNS>> {
  for (const roster of context.rosters) {
    const schoolId = roster.schoolId;
    const schoolSourcedId = idSourcedId(schoolId);
    for (const placement of roster.sections) {
      const classId = classSourcedId(schoolId, placement.sectionId);
      if (placement.teacherId !== undefined) {
        yield {
          sourcedId: enrollmentSourcedId(schoolId, placement.sectionId, "teacher", placement.teacherId),
          classSourcedId: classId,
          schoolSourcedId,
          userSourcedId: idSourcedId(placement.teacherId),
          role: "teacher",
          primary: "true",
        };
      }
      if (placement.coTeacherId !== undefined) {
        yield {
          sourcedId: enrollmentSourcedId(schoolId, placement.sectionId, "coteacher", placement.coTeacherId),
          classSourcedId: classId,
          schoolSourcedId,
          userSourcedId: idSourcedId(placement.coTeacherId),
          role: "teacher",
          primary: "false",
        };
      }
    }
    for (const enrollment of roster.enrollments) {
      yield {
        sourcedId: enrollmentSourcedId(schoolId, enrollment.sectionId, "student", enrollment.studentId),
        classSourcedId: classSourcedId(schoolId, enrollment.sectionId),
        schoolSourcedId,
        userSourcedId: idSourcedId(enrollment.studentId),
        role: "student",
        primary: "false",
      };
    }
  }
}
