import type { Course, Section } from "../../domain/problem.ts";
import type { SectionPlacement } from "../../domain/roster.ts";
import type { CLASSES_COLUMNS, Row } from "./columns.ts";
import type { ExportContext } from "./export-context.ts";
import { gradeRangeCell } from "./grade-codes.ts";
import { listCell } from "./list-cell.ts";
import { classSourcedId, courseSourcedId, idSourcedId, termSourcedId } from "./sourced-ids.ts";

/** The rows of classes.csv: one class per section of every roster, placed or not. */
export function* classesRows(context: ExportContext): Generator<Row<typeof CLASSES_COLUMNS>> {
  for (const roster of context.rosters) {
    const sections = context.sections.get(roster.schoolId)!;
    for (const placement of roster.sections) {
      const section = sections.get(placement.sectionId)!;
      yield classRow(section, placement, context.courses.get(roster.schoolId)?.get(section.courseId), {
        classId: context.classId(roster.schoolId, section.sectionId),
        courseId: context.courseId(roster.schoolId, section.courseId),
      });
    }
  }
}

/**
 * A section's class: classCode = section_id, schoolSourcedId = the school's org, periods = its
 * placed period (every one of them for a section of length L, v1.1: "3,4"; empty if unplaced),
 * location = its room_id, termSourcedIds = its terms. `sourcedIds`: the class's and its
 * course's, when the caller has them already.
 */
export function classRow(
  section: Section,
  placement: SectionPlacement,
  course: Course | undefined,
  sourcedIds: { classId: string; courseId: string } = {
    classId: classSourcedId(section.schoolId, section.sectionId),
    courseId: courseSourcedId(section.schoolId, section.courseId),
  },
): Row<typeof CLASSES_COLUMNS> {
  const schoolId = section.schoolId;
  return {
    sourcedId: sourcedIds.classId,
    title: `${course?.title ?? section.courseId} (${section.sectionId})`,
    grades: course ? gradeRangeCell(course.gradeLow, course.gradeHigh) : undefined,
    courseSourcedId: sourcedIds.courseId,
    classCode: section.sectionId,
    classType: "scheduled",
    location: placement.roomId,
    schoolSourcedId: idSourcedId(schoolId),
    termSourcedIds: termSourcedIdsCell(schoolId, section.terms),
    subjects: course?.subject === undefined ? undefined : listCell([course.subject]),
    periods: placement.period === undefined ? undefined : listCell(periodsOf(placement.period, section.length ?? 1)),
  };
}

/**
 * A section's terms' sourcedIds, comma-joined. In a loop, not by map and join: optimized, map
 * makes a holey array where the builtin made a packed one, and join deoptimized on it.
 */
function termSourcedIdsCell(schoolId: string, terms: readonly string[]): string {
  let cell = "";
  for (let i = 0; i < terms.length; i++) cell += (i === 0 ? "" : ",") + termSourcedId(schoolId, terms[i]!);
  return cell;
}

/** The periods a section placed at `period` meets in: period .. period + length - 1. */
function periodsOf(period: number, length: number): string[] {
  // A loop, not Array.from({ length }, ...): in a CPU profile of 100 district schools' lines,
  // Array.from's periods were 5% of the time.
  const periods: string[] = [];
  for (let k = 0; k < length; k++) periods.push(String(period + k));
  return periods;
}
