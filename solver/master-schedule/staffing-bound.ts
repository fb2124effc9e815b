import type { BuildSections } from "./build-instance.ts";
import type { TeacherShortfall } from "./teacher-matching.ts";

/**
 * Sections that no assignment of teachers can serve, found exactly on two relaxations of the
 * staffing problem, so that every shortfall reported is real: (1) all sections wanting a
 * teacher or co-teacher against each teacher's max_sections and available periods x terms, and
 * (2) for each term, the sections meeting in it against each teacher's max_sections and
 * available periods. Each is a bipartite b-matching solved exactly by augmenting paths (given
 * sections use up their teachers' capacity first). A problem may pass both and still not be
 * staffable when year-long and semester sections must share a teacher's periods; the builder
 * then reports the sections it could not staff.
 */
export function staffingShortfalls(inst: BuildSections): TeacherShortfall[] {
  const { nTeachers, nTerms, nPeriods } = inst;
  const available = new Int32Array(nTeachers);
  for (let t = 0; t < nTeachers; t++) {
    for (let p = 1; p <= nPeriods; p++) if (!(inst.teacherUnavailable[t] & (1 << (p - 1)))) available[t]++;
  }
  const demands: number[] = [];
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) continue;
    if (inst.secNeedsTeacher[s]) demands.push(s * 2);
    if (inst.secNeedsCoTeacher[s]) demands.push(s * 2 + 1);
  }
  // Every section staffed as given (a counselor's pass): nothing can fall short.
  if (demands.length === 0) return [];
  /** Sections (of the term `termBit`; 0: all) given to each teacher, as teacher or co-teacher; one pass, not one per teacher. */
  const given = (termBit: number): Int32Array => {
    const n = new Int32Array(nTeachers);
    for (let s = 0; s < inst.nSections; s++) {
      if (!inst.secBuildable[s] || (termBit !== 0 && !(inst.secTermMask[s] & termBit))) continue;
      const teacher = inst.secGivenTeacher[s];
      const coTeacher = inst.secGivenCoTeacher[s];
      if (teacher >= 0) n[teacher]++;
      if (coTeacher >= 0 && coTeacher !== teacher) n[coTeacher]++;
    }
    return n;
  };
  const unmatched = new Set<number>();
  const run = (termBit: number, capacityOf: (t: number) => number) => {
    const capacity = new Int32Array(nTeachers);
    const givenTo = given(termBit);
    for (let t = 0; t < nTeachers; t++) capacity[t] = Math.max(0, capacityOf(t) - givenTo[t]);
    const wanted = demands.filter((d) => termBit === 0 || inst.secTermMask[d >> 1] & termBit);
    for (const d of exactShortfalls(inst, wanted, capacity)) unmatched.add(d);
  };
  run(0, (t) => Math.min(inst.teacherMaxSections[t], available[t] * nTerms));
  for (let term = 0; term < nTerms; term++) run(1 << term, (t) => Math.min(inst.teacherMaxSections[t], available[t]));
  return [...unmatched].sort((a, b) => a - b).map((d) => ({ section: d >> 1, role: d & 1 ? "co_teacher" : "teacher" }));
}

/** The demands left unmatched by a maximum b-matching of demands to their pools within `capacity`. */
function exactShortfalls(inst: BuildSections, demands: number[], capacity: Int32Array): number[] {
  const holders: number[][] = Array.from({ length: inst.nTeachers }, () => []);
  const visited = new Uint32Array(inst.nTeachers);
  let stamp = 0;
  const poolOf = (d: number): Int32Array => {
    const s = d >> 1;
    return d & 1
      ? inst.secCoPool.subarray(inst.secCoPoolStart[s], inst.secCoPoolStart[s + 1])
      : inst.secTeacherPool.subarray(inst.secTeacherPoolStart[s], inst.secTeacherPoolStart[s + 1]);
  };
  const augment = (d: number): boolean => {
    for (const t of poolOf(d)) {
      if (visited[t] === stamp) continue;
      visited[t] = stamp;
      if (holders[t].length < capacity[t]) {
        holders[t].push(d);
        return true;
      }
      for (let k = 0; k < holders[t].length; k++) {
        if (augment(holders[t][k])) {
          holders[t][k] = d;
          return true;
        }
      }
    }
    return false;
  };
  const left: number[] = [];
  for (const d of demands) {
    stamp++;
    if (!augment(d)) left.push(d);
  }
  return left;
}
