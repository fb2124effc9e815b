import { termIndexOf } from "./term-index.ts";
import type { SchoolProblem } from "../../src/domain/problem.ts";
import type { Enrollment, SectionPlacement } from "../../src/domain/roster.ts";
import { compileLinks } from "../constraints/link.ts";
import { compileLunch } from "../constraints/lunch.ts";
import { compileTeams } from "../constraints/team.ts";
import { compileEligibility } from "./compile-eligibility.ts";
import { compileGroups } from "./compile-groups.ts";
import { compileSections } from "./compile-sections.ts";
import { UNLIMITED, type Instance } from "./instance.ts";

const MAX_SLOTS = 64;

/**
 * Compiles one school to the loader's compact instance. `placements` (from the master-schedule
 * builder) override a section's period, teacher, co-teacher and room; a section left without a
 * period cannot be loaded. `fixed` enrollments are pinned: the loader keeps them as they are.
 * Ids are looked up once each; everything per request works on indexes and typed arrays.
 */
export function compileInstance(
  problem: SchoolProblem,
  placements?: SectionPlacement[],
  fixed?: Enrollment[],
): Instance {
  const { school } = problem;
  const nPeriods = school.periods;
  const termIndex = termIndexOf(problem);
  const nTerms = Math.max(1, termIndex.size);
  if (nTerms * nPeriods > MAX_SLOTS) {
    throw new Error(`school ${school.schoolId}: ${nTerms} terms x ${nPeriods} periods exceed ${MAX_SLOTS} slots`);
  }

  const studentIndex = new Map<string, number>();
  const studentIds: string[] = [];
  const grades: number[] = [];
  const ieps: number[] = [];
  for (const student of problem.students) {
    if (studentIndex.has(student.studentId)) continue;
    studentIndex.set(student.studentId, studentIds.length);
    studentIds.push(student.studentId);
    grades.push(student.grade);
    ieps.push(student.iep ? 1 : 0);
  }
  const nStudents = studentIds.length;
  const studentGrade = Int8Array.from(grades);
  const studentIep = Uint8Array.from(ieps);

  const courseIndex = new Map<string, number>();
  const courseIds: string[] = [];
  const courseLow: number[] = [];
  const courseHigh: number[] = [];
  for (const course of problem.courses) {
    if (courseIndex.has(course.courseId)) continue;
    courseIndex.set(course.courseId, courseIds.length);
    courseIds.push(course.courseId);
    courseLow.push(course.gradeLow);
    courseHigh.push(course.gradeHigh);
  }
  const nCourses = courseIds.length;

  const teacherIndex = new Map<string, number>();
  for (const teacher of problem.teachers)
    if (!teacherIndex.has(teacher.teacherId)) teacherIndex.set(teacher.teacherId, teacherIndex.size);
  const teacherMaxStudents = new Int32Array(teacherIndex.size).fill(UNLIMITED);
  for (const teacher of problem.teachers) {
    const t = teacherIndex.get(teacher.teacherId)!;
    if (teacher.maxStudents !== undefined) teacherMaxStudents[t] = Math.min(teacherMaxStudents[t], teacher.maxStudents);
  }

  const links = compileLinks(problem, courseIndex);
  const teams = compileTeams(problem, studentIndex, courseIndex);
  const sections = compileSections(problem, {
    termIndex,
    courseIndex,
    teacherIndex,
    placements,
    secLink: links.secLink,
  });
  const { secCourse, secLoadable, sectionIndex } = sections;

  const groups = compileGroups(problem, studentIndex, courseIndex);
  const { nGroups, nRequests, groupReqStart, reqCourse, reqStudent } = groups;

  // Pinned enrollments, keyed by student and course (a student sits in one section per course).
  const reqFixed = new Int32Array(nRequests).fill(-1);
  if (fixed && fixed.length > 0) {
    const fixedOf = new Map<number, number>();
    for (const enrollment of fixed) {
      const s = sectionIndex.get(enrollment.sectionId);
      const i = studentIndex.get(enrollment.studentId);
      if (s !== undefined && i !== undefined && secCourse[s] >= 0) fixedOf.set(i * nCourses + secCourse[s], s);
    }
    for (let r = 0; r < nRequests; r++) {
      const pinned = fixedOf.get(reqStudent[r] * nCourses + reqCourse[r]);
      if (pinned !== undefined) reqFixed[r] = pinned;
    }
  }

  // Locked sections: -2 when the id names no loadable section of the request's course.
  const reqLocked = new Int32Array(nRequests).fill(-1);
  for (let r = 0; r < nRequests; r++) {
    const lockedId = groups.reqLockedId[r];
    if (lockedId === undefined) continue;
    const s = sectionIndex.get(lockedId);
    reqLocked[r] = s !== undefined && secCourse[s] === reqCourse[r] && secLoadable[s] ? s : -2;
  }

  const eligibility = compileEligibility({
    nCourses,
    courseLow,
    courseHigh,
    courseSectionStart: sections.courseSectionStart,
    courseSections: sections.courseSections,
    secLoadable,
    secSetting: sections.secSetting,
    secIepCapacity: sections.secIepCapacity,
    studentGrade,
    studentIep,
    reqStudent,
    reqCourse,
    reqSetting: groups.reqSetting,
    reqLocked,
    teams,
  });

  return {
    schoolId: school.schoolId,
    nPeriods,
    nTerms,
    nStudents,
    nCourses,
    nSections: sections.nSections,
    nTeachers: teacherIndex.size,
    nGroups,
    nRequests,
    nLevels: groups.levelPriority.length,
    levelPriority: groups.levelPriority,
    studentGrade,
    studentIep,
    studentGroupStart: groups.studentGroupStart,
    ...compileAvoid(problem, studentIndex, nStudents),
    groupStudent: groups.groupStudent,
    groupLevel: groups.groupLevel,
    groupPrimary: groups.groupPrimary,
    groupReqStart,
    reqGroup: groups.reqGroup,
    reqStudent,
    reqCourse,
    reqAltRank: groups.reqAltRank,
    reqLocked,
    reqFixed,
    reqValue: requestValues(nStudents, groups.levelPriority.length, groups),
    reqEligStart: eligibility.reqEligStart,
    reqElig: eligibility.reqElig,
    reqStaticReason: eligibility.reqStaticReason,
    reqEligList: eligibility.reqEligList,
    nEligLists: eligibility.nEligLists,
    secCourse,
    secCapacity: sections.secCapacity,
    secIepCapacity: sections.secIepCapacity,
    secMaskLo: sections.secMaskLo,
    secMaskHi: sections.secMaskHi,
    secMaskId: sections.secMaskId,
    nMasks: sections.nMasks,
    secTeacher: sections.secTeacher,
    secCoTeacher: sections.secCoTeacher,
    secSetting: sections.secSetting,
    secLoadable,
    secPeriod: sections.secPeriod,
    teacherMaxStudents,
    studentIds,
    courseIds,
    sectionIds: problem.sections.map((s) => s.sectionId),
    teacherIds: [...teacherIndex.keys()],
    reqPriority: groups.reqPriority,
    ...teams,
    ...links,
    ...compileLunch(problem, nTerms, nPeriods),
  };
}

/**
 * Per-student request values: within one student, a group of a more important level is worth
 * more than all of the student's less important groups together; an alternate is worth one
 * unit less than its primary, and every unit exceeds the balance tie-break (< 1).
 */
function requestValues(
  nStudents: number,
  nLevels: number,
  groups: { studentGroupStart: Int32Array; groupLevel: Uint8Array; groupReqStart: Int32Array; reqAltRank: Uint8Array },
): Float64Array {
  const { studentGroupStart, groupLevel, groupReqStart, reqAltRank } = groups;
  const reqValue = new Float64Array(groupReqStart[groupReqStart.length - 1]);
  const count = new Int32Array(Math.max(1, nLevels));
  const weight = new Float64Array(Math.max(1, nLevels));
  for (let i = 0; i < nStudents; i++) {
    const g0 = studentGroupStart[i];
    const g1 = studentGroupStart[i + 1];
    const k = g1 - g0;
    count.fill(0);
    for (let g = g0; g < g1; g++) count[groupLevel[g]]++;
    let lower = 0;
    for (let level = nLevels - 1; level >= 0; level--) {
      if (count[level] === 0) continue;
      const w = lower + k + 1;
      weight[level] = w;
      lower += count[level] * w;
    }
    for (let g = g0; g < g1; g++) {
      const w = weight[groupLevel[g]];
      for (let r = groupReqStart[g]; r < groupReqStart[g + 1]; r++) reqValue[r] = reqAltRank[r] === 0 ? w : w - 1;
    }
  }
  return reqValue;
}

/** Avoid partners as CSR, both directions, each partner once, in input order. */
function compileAvoid(
  problem: SchoolProblem,
  studentIndex: Map<string, number>,
  nStudents: number,
): { avoidStart: Int32Array; avoidOther: Int32Array } {
  const avoidStart = new Int32Array(nStudents + 1);
  if (problem.avoid.length === 0) return { avoidStart, avoidOther: new Int32Array(0) };
  const avoidLists: number[][] = Array.from({ length: nStudents }, () => []);
  for (const pair of problem.avoid) {
    const a = studentIndex.get(pair.studentId);
    const b = studentIndex.get(pair.otherStudentId);
    if (a === undefined || b === undefined || a === b) continue;
    if (!avoidLists[a].includes(b)) avoidLists[a].push(b);
    if (!avoidLists[b].includes(a)) avoidLists[b].push(a);
  }
  let n = 0;
  for (let i = 0; i < nStudents; i++) {
    avoidStart[i] = n;
    n += avoidLists[i].length;
  }
  avoidStart[nStudents] = n;
  const avoidOther = new Int32Array(n);
  for (let i = 0; i < nStudents; i++) avoidOther.set(avoidLists[i], avoidStart[i]);
  return { avoidStart, avoidOther };
}
