import type { Course, CourseRequest, SchoolProblem, Section, Setting, Student } from "../../src/domain/problem.ts";
import type { Enrollment, SectionPlacement } from "../../src/domain/roster.ts";
import { UNLIMITED, type Instance } from "./instance.ts";
import { REASON_NONE, R_LOCKED, R_NO_ELIGIBLE, R_SETTING } from "./reason-codes.ts";

const SETTING_CODE: Record<Setting, number> = { general: 0, co_taught: 1, sdc: 2 };
const MAX_SLOTS = 64;

interface GroupDraft {
  student: number;
  priority: number;
  requests: CourseRequest[];
  /** False for a lone alternate: met if possible, but not a primary request. */
  primary: boolean;
}

/**
 * Compiles one school to the loader's compact instance. `placements` (from the master-schedule
 * builder) override a section's period, teacher, co-teacher and room; a section left without a
 * period cannot be loaded. `fixed` enrollments are pinned: the loader keeps them as they are.
 */
export function compileInstance(
  problem: SchoolProblem,
  placements?: SectionPlacement[],
  fixed?: Enrollment[],
): Instance {
  const { school } = problem;
  const nPeriods = school.periods;
  const termIndex = new Map<string, number>();
  for (const term of school.terms) if (!termIndex.has(term)) termIndex.set(term, termIndex.size);
  // A section may name a term the school does not list; it still occupies a slot of its own.
  for (const section of problem.sections) {
    for (const term of section.terms) if (!termIndex.has(term)) termIndex.set(term, termIndex.size);
  }
  const nTerms = Math.max(1, termIndex.size);
  if (nTerms * nPeriods > MAX_SLOTS) {
    throw new Error(`school ${school.schoolId}: ${nTerms} terms x ${nPeriods} periods exceed ${MAX_SLOTS} slots`);
  }

  const studentIndex = new Map<string, number>();
  const students: Student[] = [];
  for (const student of problem.students) {
    if (studentIndex.has(student.studentId)) continue;
    studentIndex.set(student.studentId, students.length);
    students.push(student);
  }
  const nStudents = students.length;
  const courseIndex = new Map<string, number>();
  const courses: Course[] = [];
  for (const course of problem.courses) {
    if (courseIndex.has(course.courseId)) continue;
    courseIndex.set(course.courseId, courses.length);
    courses.push(course);
  }
  const teacherIndex = new Map<string, number>();
  for (const teacher of problem.teachers) if (!teacherIndex.has(teacher.teacherId)) teacherIndex.set(teacher.teacherId, teacherIndex.size);
  const roomCapacity = new Map<string, number>();
  for (const room of problem.rooms) if (!roomCapacity.has(room.roomId)) roomCapacity.set(room.roomId, room.capacity);

  const teacherMaxStudents = new Int32Array(teacherIndex.size).fill(UNLIMITED);
  for (const teacher of problem.teachers) {
    const t = teacherIndex.get(teacher.teacherId)!;
    if (teacher.maxStudents !== undefined) teacherMaxStudents[t] = Math.min(teacherMaxStudents[t], teacher.maxStudents);
  }

  const placementOf = new Map<string, SectionPlacement>();
  for (const placement of placements ?? []) placementOf.set(placement.sectionId, placement);

  const sections: Section[] = problem.sections;
  const nSections = sections.length;
  const sectionIndex = new Map<string, number>();
  sections.forEach((s, i) => {
    if (!sectionIndex.has(s.sectionId)) sectionIndex.set(s.sectionId, i);
  });
  const secCourse = new Int32Array(nSections);
  const secCapacity = new Int32Array(nSections);
  const secIepCapacity = new Int32Array(nSections);
  const secMaskLo = new Int32Array(nSections);
  const secMaskHi = new Int32Array(nSections);
  const secTeacher = new Int32Array(nSections);
  const secCoTeacher = new Int32Array(nSections);
  const secSetting = new Uint8Array(nSections);
  const secLoadable = new Uint8Array(nSections);
  const secPeriod = new Int8Array(nSections);
  const sectionsOfCourse: number[][] = courses.map(() => []);
  sections.forEach((section, s) => {
    const placement = placementOf.get(section.sectionId);
    const period = placement ? placement.period : section.period;
    const teacherId = placement ? placement.teacherId : section.teacherId;
    const coTeacherId = placement ? placement.coTeacherId : section.coTeacherId;
    const roomId = placement ? placement.roomId : section.roomId;
    const course = courseIndex.get(section.courseId) ?? -1;
    secCourse[s] = course;
    secSetting[s] = SETTING_CODE[section.setting] ?? 0;
    secTeacher[s] = teacherId === undefined ? -1 : (teacherIndex.get(teacherId) ?? -1);
    secCoTeacher[s] = coTeacherId === undefined ? -1 : (teacherIndex.get(coTeacherId) ?? -1);
    secIepCapacity[s] = section.iepCapacity ?? UNLIMITED;
    const room = roomId === undefined ? undefined : roomCapacity.get(roomId);
    const capacity = Math.max(0, Math.min(section.capacity, room ?? UNLIMITED));
    const placed = period !== undefined && period >= 1 && period <= nPeriods;
    const duplicate = sectionIndex.get(section.sectionId) !== s;
    if (placed && course >= 0 && !duplicate) {
      secPeriod[s] = period;
      const terms = section.terms.length > 0 ? section.terms : school.terms;
      for (const term of terms) {
        const slot = termIndex.get(term)! * nPeriods + period - 1;
        if (slot < 32) secMaskLo[s] |= 1 << slot;
        else secMaskHi[s] |= 1 << (slot - 32);
      }
      secCapacity[s] = capacity;
      secLoadable[s] = capacity > 0 ? 1 : 0;
      sectionsOfCourse[course].push(s);
    }
  });

  const maskIds = new Map<string, number>();
  const secMaskId = new Int32Array(nSections);
  for (let s = 0; s < nSections; s++) {
    const key = `${secMaskLo[s]}:${secMaskHi[s]}`;
    let id = maskIds.get(key);
    if (id === undefined) maskIds.set(key, (id = maskIds.size));
    secMaskId[s] = id;
  }

  // Groups: each primary with its alternates, students in input order, primaries in file order.
  const requestsOf: CourseRequest[][] = students.map(() => []);
  for (const request of problem.requests) {
    const i = studentIndex.get(request.studentId);
    if (i !== undefined && courseIndex.has(request.courseId)) requestsOf[i].push(request);
  }
  const drafts: GroupDraft[] = [];
  const studentGroupStart = new Int32Array(nStudents + 1);
  for (let i = 0; i < nStudents; i++) {
    studentGroupStart[i] = drafts.length;
    const own = requestsOf[i];
    // A course requested twice is one request: the student sits in at most one of its sections.
    const seenCourse = new Set<string>();
    const byCourse = new Map<string, GroupDraft>();
    for (const request of own) {
      if (request.alternateFor !== undefined || seenCourse.has(request.courseId)) continue;
      seenCourse.add(request.courseId);
      const draft: GroupDraft = { student: i, priority: request.priority, requests: [request], primary: true };
      byCourse.set(request.courseId, draft);
      drafts.push(draft);
    }
    for (const request of own) {
      if (request.alternateFor === undefined || seenCourse.has(request.courseId)) continue;
      seenCourse.add(request.courseId);
      const group = byCourse.get(request.alternateFor);
      if (group) group.requests.push(request);
      // An alternate for a course that is no primary of the student replaces nothing: it
      // stands alone, may be met, and is never listed as unscheduled.
      else drafts.push({ student: i, priority: request.priority, requests: [request], primary: false });
    }
  }
  studentGroupStart[nStudents] = drafts.length;
  const nGroups = drafts.length;
  const priorities = [...new Set(drafts.map((d) => d.priority))].sort((a, b) => a - b);
  const levelOf = new Map(priorities.map((p, l) => [p, l]));
  const nLevels = priorities.length;

  const groupStudent = new Int32Array(nGroups);
  const groupLevel = new Uint8Array(nGroups);
  const groupReqStart = new Int32Array(nGroups + 1);
  const groupPrimary = new Uint8Array(nGroups);
  let nRequests = 0;
  drafts.forEach((d, g) => {
    groupPrimary[g] = d.primary ? 1 : 0;
    groupStudent[g] = d.student;
    groupLevel[g] = Math.min(255, levelOf.get(d.priority)!);
    groupReqStart[g] = nRequests;
    nRequests += d.requests.length;
  });
  groupReqStart[nGroups] = nRequests;

  const reqGroup = new Int32Array(nRequests);
  const reqStudent = new Int32Array(nRequests);
  const reqCourse = new Int32Array(nRequests);
  const reqAltRank = new Uint8Array(nRequests);
  const reqLocked = new Int32Array(nRequests).fill(-1);
  const reqFixed = new Int32Array(nRequests).fill(-1);
  const reqValue = new Float64Array(nRequests);
  const reqPriority = new Int32Array(nRequests);
  const reqStaticReason = new Uint8Array(nRequests).fill(REASON_NONE);
  const reqEligStart = new Int32Array(nRequests + 1);
  // Upper bound on the eligible list: every loadable section of each request's course.
  let eligMax = 0;
  for (const d of drafts) for (const request of d.requests) eligMax += sectionsOfCourse[courseIndex.get(request.courseId)!].length;
  let elig = new Int32Array(eligMax);
  let nElig = 0;

  const fixedOf = new Map<string, number>();
  for (const enrollment of fixed ?? []) {
    const s = sectionIndex.get(enrollment.sectionId);
    if (s !== undefined) fixedOf.set(`${enrollment.studentId}\u0000${secCourse[s]}`, s);
  }

  drafts.forEach((d, g) => {
    const student = students[d.student];
    d.requests.forEach((request, k) => {
      const r = groupReqStart[g] + k;
      const c = courseIndex.get(request.courseId)!;
      reqGroup[r] = g;
      reqStudent[r] = d.student;
      reqCourse[r] = c;
      reqAltRank[r] = Math.min(255, k);
      reqPriority[r] = d.priority;
      reqEligStart[r] = nElig;
      if (fixedOf.size > 0) {
        const pinned = fixedOf.get(`${student.studentId}\u0000${c}`);
        if (pinned !== undefined) reqFixed[r] = pinned;
      }
      let locked = -1;
      if (request.lockedSectionId !== undefined) {
        const s = sectionIndex.get(request.lockedSectionId);
        locked = s !== undefined && secCourse[s] === c && secLoadable[s] ? s : -2;
        reqLocked[r] = locked;
      }
      const course = courses[c];
      const gradeOk = student.grade >= course.gradeLow && student.grade <= course.gradeHigh;
      const required = request.requiredSetting;
      let anyPlaced = false;
      let anyGrade = false;
      for (const s of sectionsOfCourse[c]) {
        if (!secLoadable[s]) continue;
        anyPlaced = true;
        if (!gradeOk) continue;
        anyGrade = true;
        if (locked !== -1 && s !== locked) continue;
        const setting = secSetting[s];
        if (required === "sdc" && setting !== 2) continue;
        if (required === "co_taught" && setting !== 1) continue;
        if (required === "general" && setting !== 0) continue;
        if (setting === 2 && (!student.iep || required !== "sdc")) continue;
        if (student.iep && secIepCapacity[s] <= 0) continue;
        elig[nElig++] = s;
      }
      if (nElig === reqEligStart[r]) {
        if (locked !== -1) reqStaticReason[r] = R_LOCKED;
        else if (!anyPlaced || !anyGrade) reqStaticReason[r] = R_NO_ELIGIBLE;
        else reqStaticReason[r] = R_SETTING;
      }
    });
  });
  reqEligStart[nRequests] = nElig;
  elig = elig.slice(0, nElig);

  // Per-student request values: within one student, a group of a more important level is
  // worth more than all of the student's less important groups together; an alternate is
  // worth one unit less than its primary, and every unit exceeds the balance tie-break (< 1).
  for (let i = 0; i < nStudents; i++) {
    const g0 = studentGroupStart[i];
    const g1 = studentGroupStart[i + 1];
    const k = g1 - g0;
    const countAt = new Map<number, number>();
    for (let g = g0; g < g1; g++) countAt.set(groupLevel[g], (countAt.get(groupLevel[g]) ?? 0) + 1);
    const levels = [...countAt.keys()].sort((a, b) => b - a);
    const weight = new Map<number, number>();
    let lower = 0;
    for (const level of levels) {
      const w = lower + k + 1;
      weight.set(level, w);
      lower += countAt.get(level)! * w;
    }
    for (let g = g0; g < g1; g++) {
      const w = weight.get(groupLevel[g])!;
      for (let r = groupReqStart[g]; r < groupReqStart[g + 1]; r++) reqValue[r] = reqAltRank[r] === 0 ? w : w - 1;
    }
  }

  const avoidLists: number[][] = students.map(() => []);
  for (const pair of problem.avoid) {
    const a = studentIndex.get(pair.studentId);
    const b = studentIndex.get(pair.otherStudentId);
    if (a === undefined || b === undefined || a === b) continue;
    if (!avoidLists[a].includes(b)) avoidLists[a].push(b);
    if (!avoidLists[b].includes(a)) avoidLists[b].push(a);
  }
  const avoidStart = new Int32Array(nStudents + 1);
  const avoidFlat: number[] = [];
  for (let i = 0; i < nStudents; i++) {
    avoidStart[i] = avoidFlat.length;
    avoidFlat.push(...avoidLists[i]);
  }
  avoidStart[nStudents] = avoidFlat.length;

  return {
    schoolId: school.schoolId,
    nPeriods,
    nTerms,
    nStudents,
    nCourses: courses.length,
    nSections,
    nTeachers: teacherIndex.size,
    nGroups,
    nRequests,
    nLevels,
    levelPriority: Int32Array.from(priorities),
    studentGrade: Int8Array.from(students.map((s) => s.grade)),
    studentIep: Uint8Array.from(students.map((s) => (s.iep ? 1 : 0))),
    studentGroupStart,
    avoidStart,
    avoidOther: Int32Array.from(avoidFlat),
    groupStudent,
    groupLevel,
    groupPrimary,
    groupReqStart,
    reqGroup,
    reqStudent,
    reqCourse,
    reqAltRank,
    reqLocked,
    reqFixed,
    reqValue,
    reqEligStart,
    reqElig: elig,
    reqStaticReason,
    secCourse,
    secCapacity,
    secIepCapacity,
    secMaskLo,
    secMaskHi,
    secMaskId,
    nMasks: maskIds.size,
    secTeacher,
    secCoTeacher,
    secSetting,
    secLoadable,
    secPeriod,
    teacherMaxStudents,
    studentIds: students.map((s) => s.studentId),
    courseIds: courses.map((c) => c.courseId),
    sectionIds: sections.map((s) => s.sectionId),
    teacherIds: [...teacherIndex.keys()],
    reqPriority,
  };
}
