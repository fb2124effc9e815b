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
}

/**
 * The sections open to each request (grade, required setting, SDC only for IEP students who
 * require it, IEP capacity, locked section), as CSR, and the reason of a request left with none.
 * Requests of one course that agree on grade fit, IEP and required setting have the same list:
 * it is computed once per such class and copied.
 */
export function compileEligibility(input: EligibilityInput): {
  reqEligStart: Int32Array;
  reqElig: Int32Array;
  reqStaticReason: Uint8Array;
} {
  const { courseSectionStart, courseSections, secLoadable, studentGrade, studentIep } = input;
  const { reqStudent, reqCourse, reqSetting, reqLocked } = input;
  const nRequests = reqCourse.length;

  // Class lists, filled on first use: class = (course, IEP, required setting) for a student in grade.
  const nClasses = input.nCourses * 8;
  const classStart = new Int32Array(nClasses).fill(-1);
  const classLength = new Int32Array(nClasses);
  const classReason = new Uint8Array(nClasses);
  const pool = new Int32Array(courseSections.length * 8);
  let poolUsed = 0;
  const anyLoadable = new Uint8Array(input.nCourses);
  for (let c = 0; c < input.nCourses; c++) {
    for (let k = courseSectionStart[c]; k < courseSectionStart[c + 1]; k++) if (secLoadable[courseSections[k]]) anyLoadable[c] = 1;
  }

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
    if (locked !== -1) {
      reqClass[r] = -1;
      length = gradeOk && locked >= 0 && opensTo(input, locked, studentIep[i] === 1, reqSetting[r]) ? 1 : 0;
      if (length === 0) reqStaticReason[r] = R_LOCKED;
    } else if (!gradeOk) {
      reqClass[r] = -1;
      reqStaticReason[r] = R_NO_ELIGIBLE;
    } else {
      const key = (c * 2 + studentIep[i]) * 4 + reqSetting[r];
      reqClass[r] = key;
      if (classStart[key] < 0) {
        classStart[key] = poolUsed;
        for (let k = courseSectionStart[c]; k < courseSectionStart[c + 1]; k++) {
          const s = courseSections[k];
          if (secLoadable[s] && opensTo(input, s, studentIep[i] === 1, reqSetting[r])) pool[poolUsed++] = s;
        }
        classLength[key] = poolUsed - classStart[key];
        classReason[key] = anyLoadable[c] ? R_SETTING : R_NO_ELIGIBLE;
      }
      length = classLength[key];
      if (length === 0) reqStaticReason[r] = classReason[key];
    }
    reqEligStart[r] = total;
    total += length;
  }
  reqEligStart[nRequests] = total;

  const reqElig = new Int32Array(total);
  for (let r = 0; r < nRequests; r++) {
    const at = reqEligStart[r];
    const length = reqEligStart[r + 1] - at;
    if (length === 0) continue;
    const key = reqClass[r];
    if (key < 0) {
      reqElig[at] = reqLocked[r];
      continue;
    }
    const from = classStart[key];
    for (let k = 0; k < length; k++) reqElig[at + k] = pool[from + k];
  }
  return { reqEligStart, reqElig, reqStaticReason };
}

/** True when loadable section s takes a student with this IEP status and required setting. */
function opensTo(input: EligibilityInput, s: number, iep: boolean, required: number): boolean {
  const setting = input.secSetting[s];
  // Required codes are setting codes plus one.
  if (required !== REQUIRE_NONE && setting !== required - 1) return false;
  if (setting === 2 && (!iep || required !== 3)) return false;
  if (iep && input.secIepCapacity[s] <= 0) return false;
  return true;
}
