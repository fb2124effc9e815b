import type { BuildInstance } from "./build-instance.ts";

/** Sections left without a teacher (role "teacher") or co-teacher (role "co_teacher"). */
export interface TeacherShortfall {
  section: number;
  role: "teacher" | "co_teacher";
}

/** Teachers and co-teachers for every section that wants one chosen, or the sections that got none. */
export interface TeacherMatching {
  teacher: Int32Array;
  coTeacher: Int32Array;
  shortfalls: TeacherShortfall[];
}

/**
 * Chooses a teacher for each section without one and a special-education co-teacher for each
 * co-taught section without one, before any period is chosen: the least-loaded qualified teacher
 * first (seats past max_students first avoided, then sections / max_sections), then augmenting paths (a teacher hands one of their sections to a colleague) for the
 * sections left over. A teacher's capacity is max_sections and, in each term, their available
 * periods; given sections count against it. A shortfall means no assignment was found.
 */
export function matchTeachers(inst: BuildInstance): TeacherMatching {
  const { nTeachers, nTerms, nPeriods } = inst;
  const teacher = Int32Array.from(inst.secGivenTeacher);
  const coTeacher = Int32Array.from(inst.secGivenCoTeacher);
  const count = new Int32Array(nTeachers);
  const termCount = new Int32Array(nTeachers * nTerms);
  const available = new Int32Array(nTeachers);
  for (let t = 0; t < nTeachers; t++) {
    let n = 0;
    for (let p = 1; p <= nPeriods; p++) if (!(inst.teacherUnavailable[t] & (1 << (p - 1)))) n++;
    available[t] = n;
  }
  // Seats of a teacher's sections: a teacher with max_students is filled by seats, not sections only.
  const seats = new Int32Array(nTeachers);
  const take = (t: number, s: number, sign: 1 | -1) => {
    count[t] += sign;
    seats[t] += sign * inst.secCapacity[s];
    for (let term = 0; term < nTerms; term++)
      if (inst.secTermMask[s] & (1 << term)) termCount[t * nTerms + term] += sign;
  };
  const fits = (t: number, s: number): boolean => {
    if (count[t] >= inst.teacherMaxSections[t]) return false;
    for (let term = 0; term < nTerms; term++) {
      if (inst.secTermMask[s] & (1 << term) && termCount[t * nTerms + term] >= available[t]) return false;
    }
    return true;
  };
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) continue;
    if (teacher[s] >= 0) take(teacher[s], s, 1);
    if (coTeacher[s] >= 0) take(coTeacher[s], s, 1);
  }

  // Demand d = section * 2 + role (0 teacher, 1 co-teacher).
  const demands: number[] = [];
  for (let s = 0; s < inst.nSections; s++) {
    if (!inst.secBuildable[s]) continue;
    if (inst.secNeedsTeacher[s]) demands.push(s * 2);
    if (inst.secNeedsCoTeacher[s]) demands.push(s * 2 + 1);
  }
  const poolSize = (d: number) => {
    const s = d >> 1;
    return d & 1
      ? inst.secCoPoolStart[s + 1] - inst.secCoPoolStart[s]
      : inst.secTeacherPoolStart[s + 1] - inst.secTeacherPoolStart[s];
  };
  // Fewest candidates first; among equals, the largest sections, while seats are still free.
  demands.sort((a, b) => poolSize(a) - poolSize(b) || inst.secCapacity[b >> 1] - inst.secCapacity[a >> 1] || a - b);

  const holder = (d: number) => (d & 1 ? coTeacher : teacher)[d >> 1];
  const partner = (d: number) => (d & 1 ? teacher : coTeacher)[d >> 1];
  const assign = (d: number, t: number) => {
    const s = d >> 1;
    const old = holder(d);
    if (old >= 0) take(old, s, -1);
    (d & 1 ? coTeacher : teacher)[s] = t;
    if (t >= 0) take(t, s, 1);
  };
  const poolOf = (d: number): Int32Array => {
    const s = d >> 1;
    return d & 1
      ? inst.secCoPool.subarray(inst.secCoPoolStart[s], inst.secCoPoolStart[s + 1])
      : inst.secTeacherPool.subarray(inst.secTeacherPoolStart[s], inst.secTeacherPoolStart[s + 1]);
  };
  const demandsOf: number[][] = Array.from({ length: nTeachers }, () => []);

  const unmatched: number[] = [];
  for (const d of demands) {
    const s = d >> 1;
    let best = -1;
    let bestRatio = Infinity;
    for (const t of poolOf(d)) {
      if (t === partner(d) || !fits(t, s)) continue;
      const bySections = (count[t] + 1) / Math.max(1, Math.min(inst.teacherMaxSections[t], available[t] * nTerms));
      // Seats past max_students are seats the loader cannot use: they weigh more than balance.
      const overshoot = Math.max(0, seats[t] + inst.secCapacity[s] - inst.teacherMaxStudents[t]);
      const ratio = overshoot + bySections;
      if (ratio < bestRatio) {
        best = t;
        bestRatio = ratio;
      }
    }
    if (best < 0) {
      unmatched.push(d);
      continue;
    }
    assign(d, best);
    demandsOf[best].push(d);
  }

  // Augmenting paths: give d a teacher t that is full, by moving one of t's chosen sections elsewhere.
  // A teacher that could not take a section of some terms may still take one of other terms:
  // visits are marked per (teacher, term mask).
  const masks = 1 << nTerms;
  const visited = new Uint32Array(nTeachers * masks);
  // Teachers lending a seat on the current path: a displaced section may not come back to them.
  const onPath = new Uint8Array(nTeachers);
  let stamp = 0;
  const augment = (d: number): boolean => {
    const s = d >> 1;
    for (const t of poolOf(d)) {
      const key = t * masks + inst.secTermMask[s];
      if (t === partner(d) || visited[key] === stamp || onPath[t]) continue;
      visited[key] = stamp;
      if (fits(t, s)) {
        assign(d, t);
        demandsOf[t].push(d);
        return true;
      }
      const mine = demandsOf[t];
      for (let k = 0; k < mine.length; k++) {
        const other = mine[k];
        const otherSection = other >> 1;
        // Lend t's seat: take `other` off t, see whether d then fits, and re-home `other`.
        take(t, otherSection, -1);
        (other & 1 ? coTeacher : teacher)[otherSection] = -1;
        onPath[t] = 1;
        const lent = fits(t, s) && t !== partner(d) && augment(other);
        onPath[t] = 0;
        if (lent) {
          mine.splice(k, 1);
          assign(d, t);
          mine.push(d);
          return true;
        }
        (other & 1 ? coTeacher : teacher)[otherSection] = t;
        take(t, otherSection, 1);
      }
    }
    return false;
  };
  const shortfalls: TeacherShortfall[] = [];
  for (const d of unmatched) {
    stamp++;
    if (!augment(d)) shortfalls.push({ section: d >> 1, role: d & 1 ? "co_teacher" : "teacher" });
  }
  return { teacher, coTeacher, shortfalls };
}
