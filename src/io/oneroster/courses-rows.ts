import type { Course } from "../../domain/problem.ts";
import type { COURSES_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradeRangeCell } from "./grade-codes.ts";
import { listCell } from "./list-cell.ts";
import { idSourcedId, schoolYearSourcedId } from "./sourced-ids.ts";

/** The rows of courses.csv: every course of every school. */
export function* coursesRows(context: ExportContext): Generator<Row<typeof COURSES_COLUMNS>> {
  for (const course of context.problem.courses) yield courseRow(context, course);
}

/** A course: courseCode = course_id. */
export function courseRow(context: ExportContext, course: Course): Row<typeof COURSES_COLUMNS> {
  return {
    sourcedId: context.courseId(course.schoolId, course.courseId),
    schoolYearSourcedId: schoolYearSourcedId(context.districtId, context.schoolYear),
    title: course.title,
    courseCode: course.courseId,
    grades: gradeRangeCell(course.gradeLow, course.gradeHigh),
    orgSourcedId: idSourcedId(course.schoolId),
    subjects: course.subject === undefined ? undefined : listCell([course.subject]),
  };
}
