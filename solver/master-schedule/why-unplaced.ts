import type { BuildInstance } from "./build-instance.ts";
import { roomFree, teacherFree, type ScheduleState } from "./schedule-state.ts";

/** Why the vacated section s fits in no period, in words a counselor can act on. */
export function whyUnplaced(inst: BuildInstance, state: ScheduleState, s: number): string {
  const terms = inst.secTermMask[s];
  const length = inst.secLength[s];
  const teacher = state.teacher[s];
  if (inst.secNeedsTeacher[s] && teacher < 0 && inst.secTeacherPoolStart[s + 1] === inst.secTeacherPoolStart[s]) {
    return `no teacher is qualified for course "${inst.courseIds[inst.secCourse[s]]}"${inst.secSetting[s] === 2 ? " and special education" : ""}`;
  }
  if (inst.secNeedsCoTeacher[s] && inst.secCoPoolStart[s + 1] === inst.secCoPoolStart[s])
    return "no special-education co-teacher can be chosen";
  let teacherPeriods = 0;
  let roomPeriods = 0;
  for (let p = 1; p <= inst.nPeriods; p++) {
    const teacherOk =
      teacher < 0
        ? !inst.secNeedsTeacher[s] || anyPoolTeacherFree(inst, state, s, p)
        : teacherFree(inst, state, teacher, p, terms, length);
    if (!teacherOk) continue;
    teacherPeriods++;
    if (inst.nRooms === 0 && state.room[s] < 0) roomPeriods++;
    else if (!inst.secNeedsRoom[s]) roomPeriods += roomFree(inst, state, state.room[s], p, terms, length) ? 1 : 0;
    else
      for (let r = 0; r < inst.nRooms; r++)
        if (roomFree(inst, state, r, p, terms, length)) {
          roomPeriods++;
          break;
        }
  }
  const run = length > 1 ? ` for ${length} periods in a row` : "";
  if (teacherPeriods === 0) {
    if (run)
      return teacher >= 0
        ? `teacher "${inst.teacherIds[teacher]}" has no ${length} free periods in a row left`
        : `no qualified teacher with load left is free${run}`;
    return teacher >= 0
      ? `teacher "${inst.teacherIds[teacher]}" has no free period left`
      : "no qualified teacher with load left is free in any period";
  }
  if (roomPeriods === 0) {
    return inst.secNeedsRoom[s]
      ? "no room is free in any period its teacher is free"
      : `room "${inst.roomIds[state.room[s]]}" is taken in every period its teacher is free`;
  }
  if (inst.secLinkedStart[s + 1] > inst.secLinkedStart[s])
    return `no period${run} where its teacher, co-teacher and a room are all free and no section linked to it meets`;
  return `no period${run} where its teacher, co-teacher and a room are all free`;
}

/** True when some teacher of the section's pool with load left is free in period p. */
function anyPoolTeacherFree(inst: BuildInstance, state: ScheduleState, s: number, p: number): boolean {
  for (let k = inst.secTeacherPoolStart[s]; k < inst.secTeacherPoolStart[s + 1]; k++) {
    const t = inst.secTeacherPool[k];
    if (
      state.teacherLoad[t] < inst.teacherMaxSections[t] &&
      teacherFree(inst, state, t, p, inst.secTermMask[s], inst.secLength[s])
    )
      return true;
  }
  return false;
}
