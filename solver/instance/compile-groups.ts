import type { SchoolProblem, Setting } from "../../src/domain/problem.ts";

/** Required-setting codes of a request: 0 none, then general, co_taught, sdc. */
export const REQUIRE_NONE = 0;
const REQUIRED_CODE: Record<Setting, number> = { general: 1, co_taught: 2, sdc: 3 };

/** The request groups of an instance (see instance.ts), plus each request's setting and locked id. */
export interface CompiledGroups {
  nGroups: number;
  nRequests: number;
  /** Distinct priorities, most important first. */
  levelPriority: Int32Array;
  studentGroupStart: Int32Array;
  groupStudent: Int32Array;
  groupLevel: Uint8Array;
  groupPrimary: Uint8Array;
  groupReqStart: Int32Array;
  reqGroup: Int32Array;
  reqStudent: Int32Array;
  reqCourse: Int32Array;
  reqAltRank: Uint8Array;
  reqPriority: Int32Array;
  /** Required setting code (REQUIRE_NONE or 1 general, 2 co_taught, 3 sdc). */
  reqSetting: Uint8Array;
  /** locked_section_id as given, undefined when none. */
  reqLockedId: (string | undefined)[];
}

/**
 * Groups each student's requests: a primary with its alternates, students in input order,
 * primaries in file order, then lone alternates. A course requested twice is one request (the
 * student sits in at most one of its sections); requests of unknown students or courses are dropped.
 */
export function compileGroups(
  problem: SchoolProblem,
  studentIndex: Map<string, number>,
  courseIndex: Map<string, number>,
): CompiledGroups {
  const requests = problem.requests;
  const nStudents = studentIndex.size;
  const nCourses = courseIndex.size;

  const { rawCourse, rawAltFor, ownStart, own } = resolveRequests(problem, studentIndex, courseIndex);

  // Groups, then their requests: the primary first, then its alternates in file order.
  const maxReq = own.length;
  const studentGroupStart = new Int32Array(nStudents + 1);
  const groupStudent = new Int32Array(maxReq);
  const groupPriority = new Int32Array(maxReq);
  const groupPrimary = new Uint8Array(maxReq);
  const groupReqStart = new Int32Array(maxReq + 1);
  const groupFirst = new Int32Array(maxReq);
  const reqRaw = new Int32Array(maxReq);
  const reqAltRank = new Uint8Array(maxReq);
  // Per course: the student (stamp) that last requested it, and the group of its last primary.
  const courseSeen = new Int32Array(nCourses).fill(-1);
  const courseGroup = new Int32Array(nCourses).fill(-1);
  // Alternates of the current student's groups, as linked lists over `own` in file order.
  const altHead = new Int32Array(maxReq).fill(-1);
  const altTail = new Int32Array(maxReq).fill(-1);
  const altNext = new Int32Array(maxReq).fill(-1);
  let nGroups = 0;
  let nRequests = 0;
  for (let i = 0; i < nStudents; i++) {
    studentGroupStart[i] = nGroups;
    const o0 = ownStart[i];
    const o1 = ownStart[i + 1];
    const firstGroup = nGroups;
    for (let o = o0; o < o1; o++) {
      const k = own[o];
      const c = rawCourse[k];
      if (rawAltFor[k] !== -1 || courseSeen[c] === i) continue;
      courseSeen[c] = i;
      courseGroup[c] = nGroups;
      groupStudent[nGroups] = i;
      groupPriority[nGroups] = requests[k].priority;
      groupPrimary[nGroups] = 1;
      groupFirst[nGroups] = k;
      nGroups++;
    }
    const primaries = nGroups;
    for (let o = o0; o < o1; o++) {
      const k = own[o];
      const c = rawCourse[k];
      const altFor = rawAltFor[k];
      if (altFor === -1 || courseSeen[c] === i) continue;
      courseSeen[c] = i;
      const g =
        altFor >= 0 && courseGroup[altFor] >= firstGroup && courseGroup[altFor] < primaries ? courseGroup[altFor] : -1;
      if (g >= 0) {
        if (altHead[g] < 0) altHead[g] = o;
        else altNext[altTail[g]] = o;
        altTail[g] = o;
        continue;
      }
      // An alternate for a course that is no primary of the student replaces nothing: it
      // stands alone, may be met, and is never listed as unscheduled.
      groupStudent[nGroups] = i;
      groupPriority[nGroups] = requests[k].priority;
      groupPrimary[nGroups] = 0;
      groupFirst[nGroups] = k;
      nGroups++;
    }
    // This student's requests, group by group (groups are contiguous per student).
    for (let g = firstGroup; g < nGroups; g++) {
      groupReqStart[g] = nRequests;
      reqRaw[nRequests] = groupFirst[g];
      reqAltRank[nRequests] = 0;
      nRequests++;
      let rank = 1;
      for (let o = altHead[g]; o >= 0; o = altNext[o]) {
        reqRaw[nRequests] = own[o];
        reqAltRank[nRequests] = Math.min(255, rank++);
        nRequests++;
      }
    }
  }
  studentGroupStart[nStudents] = nGroups;
  groupReqStart[nGroups] = nRequests;

  const levelPriority = distinctPriorities(groupPriority, nGroups);
  const groupLevel = levelsOf(groupPriority, nGroups, levelPriority);
  const tables = requestTables(
    requests,
    nGroups,
    nRequests,
    groupReqStart,
    groupStudent,
    groupPriority,
    reqRaw,
    rawCourse,
  );

  return {
    nGroups,
    nRequests,
    levelPriority,
    studentGroupStart,
    groupStudent: groupStudent.slice(0, nGroups),
    groupLevel,
    groupPrimary: groupPrimary.slice(0, nGroups),
    groupReqStart: groupReqStart.slice(0, nGroups + 1),
    ...tables,
    reqAltRank: reqAltRank.slice(0, nRequests),
  };
}

/**
 * Each kept request's course index and what it is an alternate for (-1: a primary; -2: an
 * alternate for an unknown course), and the kept requests (those of a known student and
 * course) bucketed by student in file order (`own`, CSR by `ownStart`).
 *
 * compileGroups' passes over every request are functions of their own: V8 compiles a hot loop
 * of a function while it runs (OSR), the whole function each time, and dropped that code at the
 * next pass, whose code had never run: compileGroups was compiled four times a `mse schedule`.
 */
function resolveRequests(
  problem: SchoolProblem,
  studentIndex: Map<string, number>,
  courseIndex: Map<string, number>,
): { rawCourse: Int32Array; rawAltFor: Int32Array; ownStart: Int32Array; own: Int32Array } {
  const requests = problem.requests;
  const nRaw = requests.length;
  const nStudents = studentIndex.size;
  const rawStudent = new Int32Array(nRaw);
  const rawCourse = new Int32Array(nRaw);
  const rawAltFor = new Int32Array(nRaw);
  const ownStart = new Int32Array(nStudents + 1);
  for (let k = 0; k < nRaw; k++) {
    const request = requests[k];
    const i = studentIndex.get(request.studentId);
    const c = courseIndex.get(request.courseId);
    if (i === undefined || c === undefined) {
      rawStudent[k] = -1;
      continue;
    }
    rawStudent[k] = i;
    rawCourse[k] = c;
    rawAltFor[k] = request.alternateFor === undefined ? -1 : (courseIndex.get(request.alternateFor) ?? -2);
    ownStart[i + 1]++;
  }
  for (let i = 0; i < nStudents; i++) ownStart[i + 1] += ownStart[i];
  const own = new Int32Array(ownStart[nStudents]);
  const cursor = ownStart.slice(0, nStudents);
  for (let k = 0; k < nRaw; k++) if (rawStudent[k] >= 0) own[cursor[rawStudent[k]]++] = k;
  return { rawCourse, rawAltFor, ownStart, own };
}

/** The distinct priorities of the groups, most important (smallest) first: the levels. */
function distinctPriorities(groupPriority: Int32Array, nGroups: number): Int32Array {
  const distinct: number[] = [];
  for (let g = 0; g < nGroups; g++) if (!distinct.includes(groupPriority[g])) distinct.push(groupPriority[g]);
  return Int32Array.from(distinct.sort((a, b) => a - b));
}

/** Each group's level: the rank of its priority among levelPriority (at most 255). */
function levelsOf(groupPriority: Int32Array, nGroups: number, levelPriority: Int32Array): Uint8Array {
  const groupLevel = new Uint8Array(nGroups);
  for (let g = 0; g < nGroups; g++) groupLevel[g] = Math.min(255, levelPriority.indexOf(groupPriority[g]));
  return groupLevel;
}

/** The per-request tables of the grouped requests (request r is raw request reqRaw[r]). */
function requestTables(
  requests: SchoolProblem["requests"],
  nGroups: number,
  nRequests: number,
  groupReqStart: Int32Array,
  groupStudent: Int32Array,
  groupPriority: Int32Array,
  reqRaw: Int32Array,
  rawCourse: Int32Array,
): Pick<CompiledGroups, "reqGroup" | "reqStudent" | "reqCourse" | "reqPriority" | "reqSetting" | "reqLockedId"> {
  const reqGroup = new Int32Array(nRequests);
  const reqStudent = new Int32Array(nRequests);
  const reqCourse = new Int32Array(nRequests);
  const reqPriority = new Int32Array(nRequests);
  const reqSetting = new Uint8Array(nRequests);
  const reqLockedId: (string | undefined)[] = new Array(nRequests);
  for (let g = 0; g < nGroups; g++) {
    for (let r = groupReqStart[g]; r < groupReqStart[g + 1]; r++) {
      const k = reqRaw[r];
      const request = requests[k];
      reqGroup[r] = g;
      reqStudent[r] = groupStudent[g];
      reqCourse[r] = rawCourse[k];
      reqPriority[r] = groupPriority[g];
      reqSetting[r] =
        request.requiredSetting === undefined ? REQUIRE_NONE : (REQUIRED_CODE[request.requiredSetting] ?? REQUIRE_NONE);
      reqLockedId[r] = request.lockedSectionId;
    }
  }
  return { reqGroup, reqStudent, reqCourse, reqPriority, reqSetting, reqLockedId };
}
