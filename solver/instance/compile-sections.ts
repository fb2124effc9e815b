import type { SchoolProblem, Setting } from "../../src/domain/problem.ts";
import type { SectionPlacement } from "../../src/domain/roster.ts";
import { compileIepCapacity } from "../constraints/iep-capacity.ts";
import { lengthOf, slotMaskOf } from "../constraints/section-length.ts";
import { UNLIMITED } from "./instance.ts";

const SETTING_CODE: Record<Setting, number> = { general: 0, co_taught: 1, sdc: 2 };

/** The section arrays of an instance, plus what the rest of the compiler needs about sections. */
export interface CompiledSections {
  nSections: number;
  /** First section of each id. */
  sectionIndex: Map<string, number>;
  secCourse: Int32Array;
  secCapacity: Int32Array;
  secIepCapacity: Int32Array;
  secMaskLo: Int32Array;
  secMaskHi: Int32Array;
  secMaskId: Int32Array;
  nMasks: number;
  secTeacher: Int32Array;
  secCoTeacher: Int32Array;
  secSetting: Uint8Array;
  secLoadable: Uint8Array;
  secPeriod: Int8Array;
  /** CSR: the placed sections of each course (capacity 0 included), in input order. */
  courseSectionStart: Int32Array;
  courseSections: Int32Array;
}

/**
 * Compiles the sections: placement overrides, seats (section and room capacity), slot masks and
 * their dense ids. A section without a period, of an unknown course, or repeating an id cannot
 * be loaded.
 */
export function compileSections(
  problem: SchoolProblem,
  index: {
    termIndex: Map<string, number>;
    courseIndex: Map<string, number>;
    teacherIndex: Map<string, number>;
    placements?: SectionPlacement[];
    /** Link of each section, -1 for none: part of the mask id (see Instance.secMaskId). */
    secLink: Int32Array;
  },
): CompiledSections {
  const { school, sections } = problem;
  const { termIndex, courseIndex, teacherIndex } = index;
  const nPeriods = school.periods;
  const roomCapacity = new Map<string, number>();
  for (const room of problem.rooms) if (!roomCapacity.has(room.roomId)) roomCapacity.set(room.roomId, room.capacity);
  const placementOf = new Map<string, SectionPlacement>();
  for (const placement of index.placements ?? []) placementOf.set(placement.sectionId, placement);
  const schoolTerms = school.terms.map((term) => termIndex.get(term)!);

  const nSections = sections.length;
  const nCourses = courseIndex.size;
  const sectionIndex = new Map<string, number>();
  const secCourse = new Int32Array(nSections);
  const secCapacity = new Int32Array(nSections);
  const secIepCapacity = compileIepCapacity(sections);
  const secMaskLo = new Int32Array(nSections);
  const secMaskHi = new Int32Array(nSections);
  const secTeacher = new Int32Array(nSections);
  const secCoTeacher = new Int32Array(nSections);
  const secSetting = new Uint8Array(nSections);
  const secLoadable = new Uint8Array(nSections);
  const secPeriod = new Int8Array(nSections);
  const secPlaced = new Uint8Array(nSections);
  const courseCount = new Int32Array(nCourses + 1);
  for (let s = 0; s < nSections; s++) {
    const section = sections[s];
    const duplicate = sectionIndex.has(section.sectionId);
    if (!duplicate) sectionIndex.set(section.sectionId, s);
    const placement = placementOf.size > 0 ? placementOf.get(section.sectionId) : undefined;
    const period = placement ? placement.period : section.period;
    const teacherId = placement ? placement.teacherId : section.teacherId;
    const coTeacherId = placement ? placement.coTeacherId : section.coTeacherId;
    const roomId = placement ? placement.roomId : section.roomId;
    const course = courseIndex.get(section.courseId) ?? -1;
    secCourse[s] = course;
    secSetting[s] = SETTING_CODE[section.setting] ?? 0;
    secTeacher[s] = teacherId === undefined ? -1 : (teacherIndex.get(teacherId) ?? -1);
    secCoTeacher[s] = coTeacherId === undefined ? -1 : (teacherIndex.get(coTeacherId) ?? -1);
    const room = roomId === undefined ? undefined : roomCapacity.get(roomId);
    const capacity = Math.max(0, Math.min(section.capacity, room ?? UNLIMITED));
    // Constraint 10: a section that would run past the day cannot be loaded.
    const length = lengthOf(section);
    const placed = period !== undefined && period >= 1 && period + length - 1 <= nPeriods;
    if (!placed || course < 0 || duplicate) continue;
    secPeriod[s] = period;
    const terms = section.terms.length > 0 ? section.terms.map((term) => termIndex.get(term)!) : schoolTerms;
    const mask = slotMaskOf(terms, period, length, nPeriods);
    secMaskLo[s] = mask.lo;
    secMaskHi[s] = mask.hi;
    secCapacity[s] = capacity;
    secLoadable[s] = capacity > 0 ? 1 : 0;
    secPlaced[s] = 1;
    courseCount[course + 1]++;
  }

  const courseSectionStart = new Int32Array(nCourses + 1);
  for (let c = 0; c < nCourses; c++) courseSectionStart[c + 1] = courseSectionStart[c] + courseCount[c + 1];
  const courseSections = new Int32Array(courseSectionStart[nCourses]);
  const cursor = courseSectionStart.slice(0, nCourses);
  for (let s = 0; s < nSections; s++) if (secPlaced[s]) courseSections[cursor[secCourse[s]]++] = s;

  // Dense mask ids in order of first appearance: by low word, then high word (then link).
  const maskIds = new Map<number, Map<number, number>>();
  const linkedIds = new Map<string, number>();
  const secMaskId = new Int32Array(nSections);
  let nMasks = 0;
  for (let s = 0; s < nSections; s++) {
    if (index.secLink[s] >= 0) {
      const key = `${secMaskLo[s]}:${secMaskHi[s]}:${index.secLink[s]}`;
      let id = linkedIds.get(key);
      if (id === undefined) linkedIds.set(key, (id = nMasks++));
      secMaskId[s] = id;
      continue;
    }
    let byHi = maskIds.get(secMaskLo[s]);
    if (!byHi) maskIds.set(secMaskLo[s], (byHi = new Map()));
    let id = byHi.get(secMaskHi[s]);
    if (id === undefined) byHi.set(secMaskHi[s], (id = nMasks++));
    secMaskId[s] = id;
  }

  return {
    nSections,
    sectionIndex,
    secCourse,
    secCapacity,
    secIepCapacity,
    secMaskLo,
    secMaskHi,
    secMaskId,
    nMasks,
    secTeacher,
    secCoTeacher,
    secSetting,
    secLoadable,
    secPeriod,
    courseSectionStart,
    courseSections,
  };
}
