import type { COURSES_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradeRangeCell } from "./grade-codes.ts";
import { listCell } from "./list-cell.ts";
import { courseSourcedId, idSourcedId, schoolYearSourcedId } from "./sourced-ids.ts";

/** The rows of courses.csv: every course of every school, courseCode = course_id. */
export function* coursesRows(context: ExportContext): Generator<Row<typeof COURSES_COLUMNS>> {
  const yearId = schoolYearSourcedId(context.districtId, context.schoolYear);
  for (const course of context.problem.courses) {
    yield {
      sourcedId: courseSourcedId(course.schoolId, course.courseId),
      schoolYearSourcedId: yearId,
      title: course.title,
      courseCode: course.courseId,
      grades: gradeRangeCell(course.gradeLow, course.gradeHigh),
      orgSourcedId: idSourcedId(course.schoolId),
      subjects: course.subject === undefined ? undefined : listCell([course.subject]),
    };
  }
}
