import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { SectionPlacement } from "../../src/domain/roster.ts";
import type { BuildInstance } from "./build-instance.ts";
import type { ScheduleState } from "./schedule-state.ts";

/**
 * Every section of the school with its final period, teacher, co-teacher and room. Given values
 * are kept as given; a section left unplaced keeps only its given values.
 */
export function toPlacements(problem: SchoolProblem, inst: BuildInstance, state: ScheduleState): SectionPlacement[] {
  return problem.sections.map((section, s) => {
    const placed = inst.secBuildable[s] === 1 && state.period[s] > 0;
    if (!placed) {
      return {
        sectionId: section.sectionId,
        period: section.period,
        teacherId: section.teacherId,
        coTeacherId: section.coTeacherId,
        roomId: section.roomId,
      };
    }
    const name = (ids: string[], k: number) => (k >= 0 ? ids[k] : undefined);
    return {
      sectionId: section.sectionId,
      period: state.period[s],
      teacherId: section.teacherId ?? name(inst.teacherIds, state.teacher[s]),
      coTeacherId: section.coTeacherId ?? name(inst.teacherIds, state.coTeacher[s]),
      roomId: section.roomId ?? name(inst.roomIds, state.room[s]),
    };
  });
}
