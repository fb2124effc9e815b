import { termIndexOf } from "../instance/term-index.ts";
import type { SchoolProblem, Setting } from "../../src/domain/problem.ts";
import type { SectionPlacement } from "../../src/domain/roster.ts";
import { linkedPairs } from "../constraints/link.ts";
import { compileIepCapacity } from "../constraints/iep-capacity.ts";
import { lengthOf } from "../constraints/section-length.ts";
import { compileInstance } from "../instance/compile-instance.ts";

/** Setting codes, as the loader's instance numbers them. */
export const GENERAL = 0;
export const CO_TAUGHT = 1;
export const SDC = 2;
const SETTING_CODE: Record<Setting, number> = { general: GENERAL, co_taught: CO_TAUGHT, sdc: SDC };

/** A number standing for "no limit" in the builder's count arrays. */
export const NO_LIMIT = 1 << 29;

/**
 * One school as the master-schedule builder sees it: what is given and may not change, the
 * teacher and room pools, and the students' request groups with every section that could
 * serve each group if it were placed (grade, setting, IEP and locked requests already applied).
 *
 * Indexes: sections, courses, teachers and rooms in input order (first occurrence of an id).
 * Periods are 1..nPeriods; a term mask has bit t for the school's t-th term.
 */
export interface BuildInstance extends BuildSections {
  nStudents: number;
  nGroups: number;
  /**
   * Conflict class of each section: its course, per team for a team's sections (constraint 11),
   * so that the conflict matrix counts a team's sections against its own students only.
   */
  secClass: Int32Array;
  nClasses: number;
  /** The course of each conflict class. */
  classCourse: Int32Array;

  studentIep: Uint8Array;
  /** CSR over request groups (a primary with its alternates): groups of student i. */
  studentGroupStart: Int32Array;
  groupStudent: Int32Array;
  /** The primary's course. */
  groupCourse: Int32Array;
  /** 1 for a primary request (with its alternates); 0 for a lone alternate (met if possible, not counted). */
  groupPrimary: Uint8Array;
  /** What meeting the group is worth in the estimate: 1 for priority 1, less for lower priorities. */
  groupWeight: Float64Array;
  /** CSR: sections that meet the group (primary's sections first, then its alternates'). */
  groupOptStart: Int32Array;
  groupOpt: Int32Array;
  /** CSR: the groups a section can meet (the reverse of groupOpt). */
  sectionGroupStart: Int32Array;
  sectionGroup: Int32Array;
}

/**
 * The part of a BuildInstance without the students: sections, teachers and rooms, what is
 * given and the pools to choose from. Enough for checkBuildable, which runs before every
 * school's load (a district of placed schools never needs the students' part, which costs a
 * compile of the loader's instance).
 */
export interface BuildSections {
  schoolId: string;
  nPeriods: number;
  nTerms: number;
  nSections: number;
  nCourses: number;
  nTeachers: number;
  nRooms: number;

  sectionIds: string[];
  courseIds: string[];
  teacherIds: string[];
  roomIds: string[];
  termIds: string[];

  secCourse: Int32Array;
  secCapacity: Int32Array;
  secSetting: Uint8Array;
  secTermMask: Int32Array;
  /** Most students with an IEP; NO_LIMIT when not given. */
  secIepCapacity: Int32Array;
  secLocked: Uint8Array;
  /** 0 when the section cannot be built at all (unknown course, duplicate id). */
  secBuildable: Uint8Array;
  /** Consecutive periods the section meets (constraint 10), 1 unless given. */
  secLength: Uint8Array;
  /** CSR: the sections linked to each one that are of another course (constraint 12): kept out of its slots. */
  secLinkedStart: Int32Array;
  secLinked: Int32Array;
  /** Given values: period 0 and index -1 mean "not given, the builder chooses". */
  secGivenPeriod: Int8Array;
  secGivenTeacher: Int32Array;
  secGivenCoTeacher: Int32Array;
  secGivenRoom: Int32Array;
  /** 1 when the builder must choose the teacher / a special-education co-teacher / a room. */
  secNeedsTeacher: Uint8Array;
  secNeedsCoTeacher: Uint8Array;
  secNeedsRoom: Uint8Array;
  /** CSR: teachers that may be chosen as the section's teacher (qualified; special education for SDC). */
  secTeacherPoolStart: Int32Array;
  secTeacherPool: Int32Array;
  /** CSR: special-education teachers that may be chosen as its co-teacher. */
  secCoPoolStart: Int32Array;
  secCoPool: Int32Array;

  /** CSR: the buildable sections of each course. */
  courseSectionStart: Int32Array;
  courseSections: Int32Array;

  /** Bit p-1 set when the teacher cannot teach in period p. */
  teacherUnavailable: Int32Array;
  teacherMaxSections: Int32Array;
  /** Students across all of a teacher's sections; NO_LIMIT when not given. */
  teacherMaxStudents: Int32Array;
  teacherSpecialEd: Uint8Array;

  roomCapacity: Int32Array;
}

/** Builds CSR offsets and items from per-row lists. */
function toCsr(lists: number[][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  let n = 0;
  lists.forEach((list, i) => {
    start[i] = n;
    n += list.length;
  });
  start[lists.length] = n;
  const items = new Int32Array(n);
  lists.forEach((list, i) => items.set(list, start[i]));
  return { start, items };
}

/** Compiles one school for the builder. The loader's compiler supplies groups and eligibility. */
export function compileBuildInstance(problem: SchoolProblem): BuildInstance {
  const sections = compileBuildSections(problem);
  const { nSections, secBuildable, secCourse } = sections;
  const courseIndex = new Map<string, number>(sections.courseIds.map((id, c) => [id, c]));

  // Groups and eligibility exactly as the loader will see them, with every section "placed".
  const everywhere: SectionPlacement[] = problem.sections.map((section) => ({
    sectionId: section.sectionId,
    period: 1,
    teacherId: section.teacherId,
    coTeacherId: section.coTeacherId,
  }));
  const loader = compileInstance(problem, everywhere);
  const nGroups = loader.nGroups;
  const groupCourse = new Int32Array(nGroups);
  const groupWeight = new Float64Array(nGroups);
  const groupOptions: number[][] = [];
  const sectionGroups: number[][] = Array.from({ length: nSections }, () => []);
  for (let g = 0; g < nGroups; g++) {
    const r0 = loader.groupReqStart[g];
    const r1 = loader.groupReqStart[g + 1];
    groupCourse[g] = courseIndex.get(loader.courseIds[loader.reqCourse[r0]]) ?? -1;
    groupWeight[g] = loader.groupPrimary[g] ? 1 / (1 + 0.5 * loader.groupLevel[g]) : 0.25;
    const options: number[] = [];
    for (let r = r0; r < r1; r++) {
      for (let e = loader.reqEligStart[r]; e < loader.reqEligStart[r + 1]; e++) {
        const s = loader.reqElig[e];
        // The requests of a group name distinct courses, so a section cannot appear twice.
        if (secBuildable[s]) options.push(s);
      }
    }
    groupOptions.push(options);
    for (const s of options) sectionGroups[s].push(g);
  }
  const groupOpt = toCsr(groupOptions);
  const sectionGroup = toCsr(sectionGroups);

  // Conflict classes: (course, team), numbered in section order.
  const classIndex = new Map<number, number>();
  const classCourseList: number[] = [];
  const secClass = Int32Array.from(problem.sections, (_, s) => {
    const key = secCourse[s] * (loader.nTeams + 1) + loader.secTeam[s] + 1;
    let k = classIndex.get(key);
    if (k === undefined) {
      classIndex.set(key, (k = classIndex.size));
      classCourseList.push(secCourse[s]);
    }
    return k;
  });

  return {
    ...sections,
    nStudents: loader.nStudents,
    nGroups,
    secClass,
    nClasses: classIndex.size,
    classCourse: Int32Array.from(classCourseList),
    studentIep: loader.studentIep,
    studentGroupStart: loader.studentGroupStart,
    groupStudent: loader.groupStudent,
    groupCourse,
    groupPrimary: loader.groupPrimary,
    groupWeight,
    groupOptStart: groupOpt.start,
    groupOpt: groupOpt.items,
    sectionGroupStart: sectionGroup.start,
    sectionGroup: sectionGroup.items,
  };
}

/** Compiles the sections, teachers and rooms of one school for the builder: BuildSections, no students. */
export function compileBuildSections(problem: SchoolProblem): BuildSections {
  const { school } = problem;
  const nPeriods = school.periods;
  const termIndex = termIndexOf(problem);
  const nTerms = Math.max(1, termIndex.size);
  const allTerms = (1 << nTerms) - 1;

  const courseIndex = new Map<string, number>();
  for (const course of problem.courses)
    if (!courseIndex.has(course.courseId)) courseIndex.set(course.courseId, courseIndex.size);
  const teacherIndex = new Map<string, number>();
  for (const teacher of problem.teachers)
    if (!teacherIndex.has(teacher.teacherId)) teacherIndex.set(teacher.teacherId, teacherIndex.size);
  const roomIndex = new Map<string, number>();
  for (const room of problem.rooms) if (!roomIndex.has(room.roomId)) roomIndex.set(room.roomId, roomIndex.size);
  const nCourses = courseIndex.size;
  const nTeachers = teacherIndex.size;
  const nRooms = roomIndex.size;

  const teacherUnavailable = new Int32Array(nTeachers);
  const teacherMaxSections = new Int32Array(nTeachers).fill(NO_LIMIT);
  const teacherMaxStudents = new Int32Array(nTeachers).fill(NO_LIMIT);
  const teacherSpecialEd = new Uint8Array(nTeachers);
  const teacherQualified: (Set<string> | undefined)[] = new Array(nTeachers).fill(undefined);
  for (const teacher of problem.teachers) {
    const t = teacherIndex.get(teacher.teacherId)!;
    for (const p of teacher.unavailablePeriods) if (p >= 1 && p <= nPeriods) teacherUnavailable[t] |= 1 << (p - 1);
    if (teacher.maxSections !== undefined) teacherMaxSections[t] = Math.min(teacherMaxSections[t], teacher.maxSections);
    if (teacher.maxStudents !== undefined) teacherMaxStudents[t] = Math.min(teacherMaxStudents[t], teacher.maxStudents);
    if (teacher.specialEducation) teacherSpecialEd[t] = 1;
    if (teacher.qualifiedCourses.length > 0) teacherQualified[t] = new Set(teacher.qualifiedCourses);
  }
  const roomCapacity = new Int32Array(nRooms);
  for (const room of problem.rooms) {
    const r = roomIndex.get(room.roomId)!;
    if (roomCapacity[r] === 0) roomCapacity[r] = room.capacity;
  }

  const nSections = problem.sections.length;
  const seenSection = new Set<string>();
  const secLength = Uint8Array.from(problem.sections, (section) => lengthOf(section));
  const linkedLists: number[][] = Array.from({ length: nSections }, () => []);
  const pairs = linkedPairs(problem);
  for (let k = 0; k < pairs.length; k += 2) {
    linkedLists[pairs[k]].push(pairs[k + 1]);
    linkedLists[pairs[k + 1]].push(pairs[k]);
  }
  const linked = toCsr(linkedLists);
  const secCourse = new Int32Array(nSections).fill(-1);
  const secCapacity = new Int32Array(nSections);
  const secSetting = new Uint8Array(nSections);
  const secTermMask = new Int32Array(nSections);
  const secIepCapacity = compileIepCapacity(problem.sections);
  const secLocked = new Uint8Array(nSections);
  const secBuildable = new Uint8Array(nSections);
  const secGivenPeriod = new Int8Array(nSections);
  const secGivenTeacher = new Int32Array(nSections).fill(-1);
  const secGivenCoTeacher = new Int32Array(nSections).fill(-1);
  const secGivenRoom = new Int32Array(nSections).fill(-1);
  const secNeedsTeacher = new Uint8Array(nSections);
  const secNeedsCoTeacher = new Uint8Array(nSections);
  const secNeedsRoom = new Uint8Array(nSections);
  const teacherPools: number[][] = [];
  const coPools: number[][] = [];
  const sectionsOfCourse: number[][] = Array.from({ length: nCourses }, () => []);

  problem.sections.forEach((section, s) => {
    const course = courseIndex.get(section.courseId) ?? -1;
    secCourse[s] = course;
    secCapacity[s] = Math.max(0, section.capacity);
    secSetting[s] = SETTING_CODE[section.setting] ?? GENERAL;
    const terms = section.terms.length > 0 ? section.terms : school.terms;
    for (const term of terms) secTermMask[s] |= 1 << termIndex.get(term)!;
    if (secTermMask[s] === 0) secTermMask[s] = allTerms;
    secLocked[s] = section.locked ? 1 : 0;
    secBuildable[s] = course >= 0 && !seenSection.has(section.sectionId) ? 1 : 0;
    seenSection.add(section.sectionId);
    if (section.period !== undefined && section.period >= 1 && section.period + secLength[s] - 1 <= nPeriods)
      secGivenPeriod[s] = section.period;
    if (section.teacherId !== undefined) secGivenTeacher[s] = teacherIndex.get(section.teacherId) ?? -1;
    if (section.coTeacherId !== undefined) secGivenCoTeacher[s] = teacherIndex.get(section.coTeacherId) ?? -1;
    if (section.roomId !== undefined) secGivenRoom[s] = roomIndex.get(section.roomId) ?? -1;
    // A school that lists no teachers (or rooms) does not schedule them: nothing to choose.
    secNeedsTeacher[s] = section.teacherId === undefined && nTeachers > 0 ? 1 : 0;
    secNeedsCoTeacher[s] = section.setting === "co_taught" && section.coTeacherId === undefined ? 1 : 0;
    secNeedsRoom[s] = section.roomId === undefined && nRooms > 0 ? 1 : 0;
    const pool: number[] = [];
    const coPool: number[] = [];
    // Only a section missing its teacher or co-teacher has a pool: a school whose sections are
    // all staffed (a counselor's pass) skips 930 x 150 lookups on the high-school preset; with
    // staffing-bound.ts skipping such a school, checkBuildable went from 14.0 to 6.8 ms of the
    // thread (medians of 7 cold runs, load 13).
    if (secNeedsTeacher[s] || secNeedsCoTeacher[s]) {
      for (let t = 0; t < nTeachers; t++) {
        const qualified = teacherQualified[t] === undefined || teacherQualified[t]!.has(section.courseId);
        if (!qualified) continue;
        if (section.setting !== "sdc" || teacherSpecialEd[t]) pool.push(t);
        if (teacherSpecialEd[t] && t !== secGivenTeacher[s]) coPool.push(t);
      }
    }
    teacherPools.push(secNeedsTeacher[s] ? pool : []);
    coPools.push(secNeedsCoTeacher[s] ? coPool : []);
    if (secBuildable[s]) sectionsOfCourse[course].push(s);
  });
  const teacherPool = toCsr(teacherPools);
  const coPool = toCsr(coPools);
  const courseSections = toCsr(sectionsOfCourse);

  return {
    schoolId: school.schoolId,
    nPeriods,
    nTerms,
    nSections,
    nCourses,
    nTeachers,
    nRooms,
    sectionIds: problem.sections.map((s) => s.sectionId),
    courseIds: [...courseIndex.keys()],
    teacherIds: [...teacherIndex.keys()],
    roomIds: [...roomIndex.keys()],
    termIds: [...termIndex.keys()],
    secCourse,
    secCapacity,
    secSetting,
    secTermMask,
    secIepCapacity,
    secLocked,
    secBuildable,
    secLength,
    secLinkedStart: linked.start,
    secLinked: linked.items,
    secGivenPeriod,
    secGivenTeacher,
    secGivenCoTeacher,
    secGivenRoom,
    secNeedsTeacher,
    secNeedsCoTeacher,
    secNeedsRoom,
    secTeacherPoolStart: teacherPool.start,
    secTeacherPool: teacherPool.items,
    secCoPoolStart: coPool.start,
    secCoPool: coPool.items,
    courseSectionStart: courseSections.start,
    courseSections: courseSections.items,
    teacherUnavailable,
    teacherMaxSections,
    teacherMaxStudents,
    teacherSpecialEd,
    roomCapacity,
  };
}
