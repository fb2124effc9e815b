import type { SchoolProblem } from "../../src/domain/problem.ts";
import { compileBuildSections, SDC, type BuildSections } from "./build-instance.ts";
import { staffingShortfalls } from "./staffing-bound.ts";

const MAX_SLOTS = 64;

/**
 * Why a school's master schedule cannot be built, one clear message per cause; empty when it
 * can. Checks what no placement can fix: teachers and rooms with more given sections than
 * periods, clashing or unavailable given periods, unknown given teachers or rooms, SDC and
 * co-taught sections with no special-education teacher free, sections no qualified teacher can
 * take, and more sections than room-periods.
 */
export function checkBuildable(problem: SchoolProblem): string[] {
  const { school } = problem;
  const messages: string[] = [];
  const terms = new Set([...school.terms, ...problem.sections.flatMap((s) => s.terms)]);
  if (terms.size * school.periods > MAX_SLOTS) {
    return [
      `school "${school.schoolId}" has ${school.periods} periods x ${terms.size} terms; the builder handles at most ${MAX_SLOTS} slots`,
    ];
  }
  const teacherIds = new Set(problem.teachers.map((t) => t.teacherId));
  const roomIds = new Set(problem.rooms.map((r) => r.roomId));
  for (const section of problem.sections) {
    const name = `section "${section.sectionId}"`;
    if (section.period !== undefined && (section.period < 1 || section.period > school.periods)) {
      messages.push(`${name} has period ${section.period} but the school has periods 1-${school.periods}`);
    }
    if (section.teacherId !== undefined && !teacherIds.has(section.teacherId))
      messages.push(`${name} names unknown teacher "${section.teacherId}"`);
    if (section.coTeacherId !== undefined && !teacherIds.has(section.coTeacherId))
      messages.push(`${name} names unknown co-teacher "${section.coTeacherId}"`);
    if (section.roomId !== undefined && !roomIds.has(section.roomId))
      messages.push(`${name} names unknown room "${section.roomId}"`);
    if (section.teacherId !== undefined && section.teacherId === section.coTeacherId) {
      messages.push(`${name} has "${section.teacherId}" as both teacher and co-teacher`);
    }
  }
  if (messages.length > 0) return messages;

  const inst = compileBuildSections(problem);
  messages.push(...givenTeacherLoads(inst, problem), ...givenClashes(inst), ...roomPeriods(inst));
  const specialEd = new Set(problem.teachers.filter((t) => t.specialEducation).map((t) => t.teacherId));
  for (const section of problem.sections) {
    if (section.setting === "sdc" && section.teacherId !== undefined && !specialEd.has(section.teacherId)) {
      messages.push(
        `section "${section.sectionId}" is sdc but its teacher "${section.teacherId}" is not special education`,
      );
    }
    if (section.setting === "co_taught" && section.coTeacherId !== undefined && !specialEd.has(section.coTeacherId)) {
      messages.push(
        `section "${section.sectionId}" is co_taught but its co-teacher "${section.coTeacherId}" is not special education`,
      );
    }
  }
  if (messages.length > 0) return messages;

  for (const { section: s, role } of staffingShortfalls(inst)) {
    const name = `section "${inst.sectionIds[s]}"`;
    const course = inst.courseIds[inst.secCourse[s]];
    if (role === "co_teacher") messages.push(`${name} is co_taught but no special-education co-teacher is free`);
    else if (inst.secSetting[s] === SDC) messages.push(`${name} is sdc but no special-education teacher is free`);
    else if (inst.secTeacherPoolStart[s + 1] === inst.secTeacherPoolStart[s])
      messages.push(`${name} has no teacher qualified for course "${course}"`);
    else messages.push(`${name} has no qualified teacher with load left for course "${course}"`);
  }
  return messages;
}

/** Teachers given more sections than max_sections or than their available periods in a term. */
function givenTeacherLoads(inst: BuildSections, problem: SchoolProblem): string[] {
  const messages: string[] = [];
  const count = new Int32Array(inst.nTeachers);
  const termCount = new Int32Array(inst.nTeachers * inst.nTerms);
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) continue;
    for (const t of [inst.secGivenTeacher[s], inst.secGivenCoTeacher[s]]) {
      if (t < 0) continue;
      count[t]++;
      for (let term = 0; term < inst.nTerms; term++)
        if (inst.secTermMask[s] & (1 << term)) termCount[t * inst.nTerms + term]++;
    }
  }
  const multiTerm = problem.sections.some((s) => s.terms.length > 0 && s.terms.length < inst.nTerms);
  for (let t = 0; t < inst.nTeachers; t++) {
    const name = `teacher "${inst.teacherIds[t]}"`;
    if (count[t] > inst.teacherMaxSections[t])
      messages.push(`${name} has ${count[t]} sections but max_sections is ${inst.teacherMaxSections[t]}`);
    let unavailable = 0;
    for (let p = 1; p <= inst.nPeriods; p++) if (inst.teacherUnavailable[t] & (1 << (p - 1))) unavailable++;
    const available = inst.nPeriods - unavailable;
    const detail = unavailable > 0 ? ` (${unavailable} unavailable)` : "";
    if (!multiTerm) {
      if (termCount[t * inst.nTerms] > available)
        messages.push(`${name} has ${termCount[t * inst.nTerms]} sections but only ${available} periods${detail}`);
      continue;
    }
    for (let term = 0; term < inst.nTerms; term++) {
      const n = termCount[t * inst.nTerms + term];
      if (n > available)
        messages.push(`${name} has ${n} sections in term ${inst.termIds[term]} but only ${available} periods${detail}`);
    }
  }
  return messages;
}

/** Given periods that put a teacher in an unavailable period, or a teacher or room in two places at once. */
function givenClashes(inst: BuildSections): string[] {
  const messages: string[] = [];
  // The section holding each (teacher or room, period, term), -1 while none, found by index
  // rather than by a string key per claim in a Map: on the high-school preset (930 given
  // sections) the keys were 46 of checkBuildable's 83 ms in a profile of a cold run; by index,
  // checkBuildable cold takes 15.6 instead of 16.5 ms of CPU (medians of 12 alternated runs, load 8).
  const slotsPerHolder = inst.nPeriods * inst.nTerms;
  const teacherHolder = new Int32Array(inst.nTeachers * slotsPerHolder).fill(-1);
  const roomHolder = new Int32Array(inst.nRooms * slotsPerHolder).fill(-1);
  const claim = (kind: string, holder: Int32Array, who: number, s: number, p: number) => {
    for (let term = 0; term < inst.nTerms; term++) {
      if (!(inst.secTermMask[s] & (1 << term))) continue;
      // Given periods are 1..nPeriods for every period the section meets (compileBuildSections).
      const key = who * slotsPerHolder + (p - 1) * inst.nTerms + term;
      const other = holder[key];
      if (other >= 0) {
        const name = kind === "teacher" ? inst.teacherIds[who] : inst.roomIds[who];
        messages.push(
          `${kind} "${name}" is given two sections in period ${p}${inst.nTerms > 1 ? ` of term ${inst.termIds[term]}` : ""}: "${inst.sectionIds[other]}" and "${inst.sectionIds[s]}"`,
        );
        return;
      }
      holder[key] = s;
    }
  };
  for (let s = 0; s < inst.nSections; s++) {
    const p = inst.secGivenPeriod[s];
    if (!inst.secBuildable[s] || p === 0) continue;
    // Every period a section of length L meets in (constraint 10).
    for (let q = p; q < p + inst.secLength[s]; q++) {
      for (const t of [inst.secGivenTeacher[s], inst.secGivenCoTeacher[s]]) {
        if (t < 0) continue;
        if (inst.teacherUnavailable[t] & (1 << (q - 1))) {
          messages.push(
            `section "${inst.sectionIds[s]}" is given period ${q}, when teacher "${inst.teacherIds[t]}" is unavailable`,
          );
        }
        claim("teacher", teacherHolder, t, s, q);
      }
      if (inst.secGivenRoom[s] >= 0) claim("room", roomHolder, inst.secGivenRoom[s], s, q);
    }
  }
  return messages;
}

/** More sections in a term than the school's rooms can hold over all periods, or than one given room can. */
function roomPeriods(inst: BuildSections): string[] {
  if (inst.nRooms === 0) return [];
  const messages: string[] = [];
  const perTerm = new Int32Array(inst.nTerms);
  const perRoomTerm = new Int32Array(inst.nRooms * inst.nTerms);
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) continue;
    for (let term = 0; term < inst.nTerms; term++) {
      if (!(inst.secTermMask[s] & (1 << term))) continue;
      perTerm[term]++;
      if (inst.secGivenRoom[s] >= 0) perRoomTerm[inst.secGivenRoom[s] * inst.nTerms + term]++;
    }
  }
  const termName = (term: number) => (inst.nTerms > 1 ? ` in term ${inst.termIds[term]}` : "");
  for (let term = 0; term < inst.nTerms; term++) {
    const supply = inst.nRooms * inst.nPeriods;
    if (perTerm[term] > supply) {
      messages.push(
        `the school has ${perTerm[term]} sections${termName(term)} but its ${inst.nRooms} rooms x ${inst.nPeriods} periods hold only ${supply}`,
      );
    }
    for (let r = 0; r < inst.nRooms; r++) {
      const n = perRoomTerm[r * inst.nTerms + term];
      if (n > inst.nPeriods)
        messages.push(
          `room "${inst.roomIds[r]}" is given ${n} sections${termName(term)} but there are only ${inst.nPeriods} periods`,
        );
    }
  }
  return messages;
}
