import type { Course } from "../../domain/problem.ts";
import type { CLASSES_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradeRangeCell } from "./grade-codes.ts";
import { listCell } from "./list-cell.ts";
import { classSourcedId, courseSourcedId, idSourcedId, termSourcedId } from "./sourced-ids.ts";

/**
 * The rows of classes.csv: one class per section of every roster, with classCode = section_id,
 * schoolSourcedId = the school's org, periods = its placed period (empty if unplaced), location = its
 * room_id and termSourcedIds = its terms.
 */
export function* classesRows(context: ExportContext): Generator<Row<typeof CLASSES_COLUMNS>> {
  const coursesBySchool = new Map<string, Map<string, Course>>();
  for (const course of context.problem.courses) {
    const courses = coursesBySchool.get(course.schoolId) ?? new Map<string, Course>();
    coursesBySchool.set(course.schoolId, courses.set(course.courseId, course));
  }
  for (const roster of context.rosters) {
    const sections = context.sections.get(roster.schoolId)!;
    const courses = coursesBySchool.get(roster.schoolId);
    const schoolSourcedId = idSourcedId(roster.schoolId);
    for (const placement of roster.sections) {
      const section = sections.get(placement.sectionId)!;
      const course = courses?.get(section.courseId);
      yield {
        sourcedId: classSourcedId(roster.schoolId, section.sectionId),
        title: `${course?.title ?? section.courseId} (${section.sectionId})`,
        grades: course ? gradeRangeCell(course.gradeLow, course.gradeHigh) : undefined,
        courseSourcedId: courseSourcedId(roster.schoolId, section.courseId),
        classCode: section.sectionId,
        classType: "scheduled",
        location: placement.roomId,
        schoolSourcedId,
        termSourcedIds: section.terms.map((term) => termSourcedId(roster.schoolId, term)).join(","),
        subjects: course?.subject === undefined ? undefined : listCell([course.subject]),
        periods: placement.period === undefined ? undefined : String(placement.period),
      };
    }
  }
}
