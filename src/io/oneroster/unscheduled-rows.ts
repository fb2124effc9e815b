import type { SchoolRoster } from "../../domain/roster.ts";
import type { Row, UNSCHEDULED_COLUMNS } from "./columns.ts";

/** The rows of unscheduled.csv: every unmet primary request of every roster. */
export function* unscheduledRows(rosters: SchoolRoster[]): Generator<Row<typeof UNSCHEDULED_COLUMNS>> {
  for (const roster of rosters) {
    for (const item of roster.unscheduled) {
      yield {
        school_id: roster.schoolId,
        student_id: item.studentId,
        course_id: item.courseId,
        priority: String(item.priority),
        reason: item.reason,
      };
    }
  }
}
