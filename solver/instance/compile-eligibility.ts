import { opensToIep } from "../constraints/iep-capacity.ts";
import { teamFor, type TeamTables } from "../constraints/team.ts";
import { REQUIRE_NONE } from "./compile-groups.ts";
import { REASON_NONE, R_LOCKED, R_NO_ELIGIBLE, R_SETTING } from "./reason-codes.ts";

/** What eligibility is computed from: courses, sections and requests already compiled. */
export interface EligibilityInput {
  nCourses: number;
  courseLow: number[];
  courseHigh: number[];
  courseSectionStart: Int32Array;
  courseSections: Int32Array;
  secLoadable: Uint8Array;
  secSetting: Uint8Array;
  secIepCapacity: Int32Array;
  studentGrade: Int8Array;
  studentIep: Uint8Array;
  reqStudent: Int32Array;
  reqCourse: Int32Array;
  reqSetting: Uint8Array;
  reqLocked: Int32Array;
  /** Constraint 11: the sections open to a student of a course depend on the student's team. */
  teams: TeamTables;
}

/**
 * The sections open to each request (grade, required setting, SDC only for IEP students who
 * require it, IEP capacity, locked section, team), as CSR, and the reason of a request left with
 * none. Requests of one course that agree on grade fit, IEP, required setting and the team whose
 * sections they must take have the same list: it is computed once per such class and copied.
 */
export function compileEligibility(input: EligibilityInput): {
  reqEligStart: Int32Array;
  reqElig: Int32Array;
  reqStaticReason: Uint8Array;
  reqEligList: Int32Array;
  nEligLists: number;
} {
  const { courseSectionStart, courseSections, secLoadable, studentGrade, studentIep } = input;
  const { reqStudent, reqCourse, reqSetting, reqLocked } = input;
  const nRequests = reqCourse.length;

  // Class lists, filled on first use: class = (course, IEP, required setting, team) for a student in grade.
  const { teams } = input;
  const teamWays = teams.nTeams + 1;
  const nClasses = input.nCourses * 8 * teamWays;
  const classStart = new Int32Array(nClasses).fill(-1);
  // Each class's number among the classes used, in order of first use (Instance.reqEligList).
  const classList = new Int32Array(nClasses);
  let nEligLists = 0;
  const classLength = new Int32Array(nClasses);
  const classReason = new Uint8Array(nClasses);
  let pool = new Int32Array(courseSections.length * 8);
  let poolUsed = 0;

  // -1: the request's own list (locked, or out of grade: at most one section); else its class.
  const reqClass = new Int32Array(nRequests);
  const reqStaticReason = new Uint8Array(nRequests).fill(REASON_NONE);
  const reqEligStart = new Int32Array(nRequests + 1);
  let total = 0;
  for (let r = 0; r < nRequests; r++) {
    const c = reqCourse[r];
    const i = reqStudent[r];
    const gradeOk = studentGrade[i] >= input.courseLow[c] && studentGrade[i] <= input.courseHigh[c];
    const locked = reqLocked[r];
    let length = 0;
    const team = teamFor(teams, c, teams.studentTeam[i]);
    if (locked !== -1) {
      reqClass[r] = -1;
      length =
        gradeOk &&
        locked >= 0 &&
        teams.secTeam[locked] === team &&
        opensTo(input, locked, studentIep[i] === 1, reqSetting[r])
          ? 1
          : 0;
      if (length === 0) reqStaticReason[r] = R_LOCKED;
    } else if (!gradeOk) {
      reqClass[r] = -1;
      reqStaticReason[r] = R_NO_ELIGIBLE;
    } else {
      const key = ((c * 2 + studentIep[i]) * 4 + reqSetting[r]) * teamWays + team + 1;
      reqClass[r] = key;
      if (classStart[key] < 0) {
        classStart[key] = poolUsed;
        classList[key] = nEligLists++;
        if (poolUsed + courseSectionStart[c + 1] - courseSectionStart[c] > pool.length) {
          const grown = new Int32Array(pool.length * 2 + courseSections.length);
          grown.set(pool);
          pool = grown;
        }
        let teamLoadable = false;
        for (let k = courseSectionStart[c]; k < courseSectionStart[c + 1]; k++) {
          const s = courseSections[k];
          if (!secLoadable[s] || teams.secTeam[s] !== team) continue;
          teamLoadable = true;
          if (opensTo(input, s, studentIep[i] === 1, reqSetting[r])) pool[poolUsed++] = s;
        }
        classLength[key] = poolUsed - classStart[key];
        classReason[key] = teamLoadable ? R_SETTING : R_NO_ELIGIBLE;
      }
      length = classLength[key];
      if (length === 0) reqStaticReason[r] = classReason[key];
    }
    reqEligStart[r] = total;
    total += length;
  }
  reqEligStart[nRequests] = total;

  const { reqElig, reqEligList } = copyLists(reqClass, reqEligStart, reqLocked, classStart, classList, pool);
  return { reqEligStart, reqElig, reqStaticReason, reqEligList, nEligLists };
}

/**
 * Each request's sections, copied from its class's list in `pool` (or its locked section), and
 * its class's number among the lists (-1 for a list of its own). A function of its own: V8
 * compiled the loop above while it ran (OSR), compileEligibility whole, and threw that code
 * away on reaching this loop, which had never run (two compilations a `mse schedule`).
 */
function copyLists(
  reqClass: Int32Array,
  reqEligStart: Int32Array,
  reqLocked: Int32Array,
  classStart: Int32Array,
  classList: Int32Array,
  pool: Int32Array,
): { reqElig: Int32Array; reqEligList: Int32Array } {
  const nRequests = reqClass.length;
  const reqElig = new Int32Array(reqEligStart[nRequests]);
  const reqEligList = new Int32Array(nRequests);
  for (let r = 0; r < nRequests; r++) {
    const key = reqClass[r];
    reqEligList[r] = key < 0 ? -1 : classList[key];
    const at = reqEligStart[r];
    const length = reqEligStart[r + 1] - at;
    if (length === 0) continue;
    if (key < 0) {
      reqElig[at] = reqLocked[r];
      continue;
    }
    const from = classStart[key];
    for (let k = 0; k < length; k++) reqElig[at + k] = pool[from + k];
  }
  return { reqElig, reqEligList };
}

/** True when loadable section s takes a student with this IEP status and required setting. */
function opensTo(input: EligibilityInput, s: number, iep: boolean, required: number): boolean {
  const setting = input.secSetting[s];
  // Required codes are setting codes plus one.
  if (required !== REQUIRE_NONE && setting !== required - 1) return false;
  if (setting === 2 && (!iep || required !== 3)) return false;
  return opensToIep(input.secIepCapacity, s, iep);
}
