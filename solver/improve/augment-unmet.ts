import { mostGroupsPerStudent } from "../instance/instance.ts";
import type { ScheduleSearch } from "../construct/schedule-search.ts";
import { hasIepSeat } from "../constraints/iep-capacity.ts";
import { assignRequest, moveToLastSeat, partnerIn, unassignRequest, type LoadState } from "../load/load-state.ts";
import { canTake, fitsSchedule } from "../load/seat-test.ts";

/**
 * Buffers of the augmenting chains, allocated once per run: the undo log (each entry a request
 * and the section it sat in before, -1 when unmet, replayed backwards to restore the state
 * exactly), the sections each teacher teaches, and marks of sections no chain could free.
 */
export interface Augment {
  req: Int32Array;
  sec: Int32Array;
  n: number;
  teacherSecStart: Int32Array;
  teacherSecs: Int32Array;
  failed: Int32Array;
  stamp: number;
  /** Seat tests of the current group's attempts, and the most they may make (a deterministic cap). */
  effort: number;
  effortLimit: number;
  /** Groups of each course no chain met since the last one that was (a pass skips a course after MAX_COURSE_FAILS). */
  courseFails: Int32Array;
  /** Level of the group being met, and whether the attempt already dropped a less important group. */
  level: number;
  ejected: number;
}

/** How many students a seat may be freed through: s's member moves to s2, whose member moves to s3. */
const SEAT_DEPTH = 2;
/** Seat tests one group's attempts may make: a deterministic cap on the work per group. */
const EFFORT_LIMIT = 1000;

/** Failed groups in a row after which a pass gives up on their course. */
const MAX_COURSE_FAILS = 4;

/** Buffers for augmenting chains on `st`. */
export function createAugment(st: LoadState): Augment {
  const inst = st.instance;
  const maxGroups = mostGroupsPerStudent(inst);
  const teacherSecStart = new Int32Array(inst.nTeachers + 1);
  const teachersOf = (s: number): number[] => {
    const t = inst.secTeacher[s];
    const u = inst.secCoTeacher[s];
    return t >= 0 && u >= 0 && u !== t ? [t, u] : t >= 0 ? [t] : u >= 0 ? [u] : [];
  };
  for (let s = 0; s < inst.nSections; s++) for (const t of teachersOf(s)) teacherSecStart[t + 1]++;
  for (let t = 0; t < inst.nTeachers; t++) teacherSecStart[t + 1] += teacherSecStart[t];
  const teacherSecs = new Int32Array(teacherSecStart[inst.nTeachers]);
  const next = teacherSecStart.slice(0, inst.nTeachers);
  for (let s = 0; s < inst.nSections; s++) for (const t of teachersOf(s)) teacherSecs[next[t]++] = s;
  // The log holds the chain being tried: the student's displaced requests, and per seat test
  // at most a member moved out and one request seated (an attempt makes about EFFORT_LIMIT).
  const size = 4 * (maxGroups + 1) + 4 * EFFORT_LIMIT + 64;
  return {
    req: new Int32Array(size),
    sec: new Int32Array(size),
    n: 0,
    teacherSecStart,
    teacherSecs,
    failed: new Int32Array(inst.nSections),
    stamp: 0,
    effort: 0,
    effortLimit: EFFORT_LIMIT,
    courseFails: new Int32Array(inst.nCourses),
    level: 0,
    ejected: 0,
  };
}

function move(st: LoadState, aug: Augment, r: number, s: number): void {
  aug.req[aug.n] = r;
  aug.sec[aug.n] = st.reqSec[r];
  aug.n++;
  if (st.reqSec[r] >= 0) unassignRequest(st, r);
  if (s >= 0) assignRequest(st, r, s);
}

function undoTo(st: LoadState, aug: Augment, mark: number): void {
  while (aug.n > mark) {
    aug.n--;
    const r = aug.req[aug.n];
    if (st.reqSec[r] >= 0) unassignRequest(st, r);
    if (aug.sec[aug.n] >= 0) assignRequest(st, r, aug.sec[aug.n]);
  }
}

/**
 * The `f`-th section seatIn frees a seat in: `s` itself, or (`teacher` at their limit) the
 * teacher's f-th section. One function for both of seatIn's loops, so the teacher's list is
 * read where V8 has seen it read: the second loop reading it in place made the optimized seatIn
 * throw its code away 11 times on the high-school preset ("insufficient type feedback"), the
 * hottest function of a counselor's solve re-optimized 4 times.
 */
function sectionToFree(aug: Augment, teacher: number, s: number, f: number): number {
  return teacher < 0 ? s : aug.teacherSecs[f];
}

/**
 * Seats request r (its student's slots already free for s) in section s. When s is full (seats
 * or IEP seats), one of its members first moves to another section of their request; when a
 * teacher of s is at their student limit, one of that teacher's students moves to a section of
 * their request another teacher teaches. The moved student must take the new section the same
 * way (recursively, `depth` students deep), in a section of the same course or of another
 * request of its group (an alternate, or back to the primary): the moved students keep every
 * group they had met. Failing that, one member of a less important level may be dropped
 * (once per attempt). False (state restored) when no such chain exists.
 */
function seatIn(ws: ScheduleSearch, st: LoadState, aug: Augment, r: number, s: number, depth: number): boolean {
  const inst = st.instance;
  const i = inst.reqStudent[r];
  ws.work++;
  aug.effort++;
  if (canTake(st, s, i)) {
    move(st, aug, r, s);
    return true;
  }
  if (depth === 0 || aug.effort > aug.effortLimit || aug.failed[s] === aug.stamp) return false;
  if (partnerIn(st, s, i) || !fitsSchedule(st, s, i)) return false;
  let from0: number;
  let from1: number;
  let teacher = -1;
  if (
    st.secSize[s] >= inst.secCapacity[s] ||
    !hasIepSeat(inst.secIepCapacity, st.secIep[s], s, inst.studentIep[i] === 1)
  ) {
    from0 = s;
    from1 = s + 1;
  } else {
    const t = inst.secTeacher[s];
    const u = inst.secCoTeacher[s];
    teacher = t >= 0 && st.teacherLoad[t] >= inst.teacherMaxStudents[t] ? t : u;
    if (teacher < 0) return false;
    from0 = aug.teacherSecStart[teacher];
    from1 = aug.teacherSecStart[teacher + 1];
  }
  // The instance's tables in locals for the scan below (every eligible section of every
  // member's group is looked at), past the early returns most calls take.
  const { reqFixed, reqStudent, reqGroup, groupReqStart, reqEligStart, reqElig, secMaskLo, secMaskHi, secCapacity } =
    inst;
  const { members, stuLo, stuHi } = st;
  for (let f = from0; f < from1; f++) {
    const from = sectionToFree(aug, teacher, s, f);
    const base = st.memberStart[from];
    for (let k = 0; k < st.secSize[from]; k++) {
      const q = members[base + k];
      if (reqFixed[q] >= 0) continue;
      const j = reqStudent[q];
      if (j === i) continue;
      // Only a section meeting when q's student is free once out of `from`: of q's own course
      // first, then of the other requests of its group (an alternate for a primary, or back).
      const lo = stuLo[j] & ~secMaskLo[from];
      const hi = stuHi[j] & ~secMaskHi[from];
      const h = reqGroup[q];
      const q0 = groupReqStart[h];
      const q1 = groupReqStart[h + 1];
      for (let x = q0 - 1; x < q1; x++) {
        const q2 = x < q0 ? q : x;
        if (x >= q0 && q2 === q) continue;
        const e1 = reqEligStart[q2 + 1];
        for (let e = reqEligStart[q2]; e < e1; e++) {
          const s2 = reqElig[e];
          ws.work++;
          if (s2 === from || s2 === s) continue;
          if ((secMaskLo[s2] & lo) !== 0 || (secMaskHi[s2] & hi) !== 0) continue;
          if (teacher >= 0 && (inst.secTeacher[s2] === teacher || inst.secCoTeacher[s2] === teacher)) continue;
          if (depth === 1 && st.secSize[s2] >= secCapacity[s2]) {
            // The seat test one level down must fail (s2 is full, and moving q out of `from`
            // leaves it so): count it as that call would, and leave the state as the undone
            // move would, q last among from's members, without moving anybody: 152,089 of the
            // 207,536 attempts of the high-school preset's chains end here.
            ws.work++;
            aug.effort++;
            moveToLastSeat(st, q);
            if (aug.effort > aug.effortLimit) return false;
            continue;
          }
          const mark = aug.n;
          move(st, aug, q, -1);
          if (seatIn(ws, st, aug, q2, s2, depth - 1) && seatIn(ws, st, aug, r, s, depth - 1)) return true;
          undoTo(st, aug, mark);
          if (aug.effort > aug.effortLimit) return false;
        }
      }
    }
  }
  // No chain: a member whose group matters less than the one being met may give up its seat
  // (once per attempt), a lexicographic gain; a later pass may meet that group again.
  if (aug.ejected === 0) {
    let victim = -1;
    let victimLevel = aug.level;
    for (let f = from0; f < from1; f++) {
      const from = sectionToFree(aug, teacher, s, f);
      const base = st.memberStart[from];
      for (let k = 0; k < st.secSize[from]; k++) {
        const q = st.members[base + k];
        const level = inst.groupLevel[inst.reqGroup[q]];
        if (level > victimLevel && inst.reqFixed[q] < 0 && inst.reqStudent[q] !== i) {
          victim = q;
          victimLevel = level;
        }
      }
    }
    if (victim >= 0) {
      const mark = aug.n;
      move(st, aug, victim, -1);
      aug.ejected = 1;
      if (seatIn(ws, st, aug, r, s, depth - 1)) return true;
      aug.ejected = 0;
      undoTo(st, aug, mark);
    }
  }
  aug.failed[s] = aug.stamp;
  return false;
}

/**
 * Meets unmet group g of student i with request r in section s: the student's requests whose
 * sections clash with s move to other sections of their course (each may free a seat through
 * a chain of others), then r takes s (freeing a seat the same way). Nobody loses a request,
 * except possibly one of a less important level than g (see seatIn).
 */
function augmentAt(ws: ScheduleSearch, st: LoadState, aug: Augment, r: number, s: number): boolean {
  const inst = st.instance;
  const i = inst.reqStudent[r];
  const lo = inst.secMaskLo[s];
  const hi = inst.secMaskHi[s];
  const mark = aug.n;
  const clashStart = aug.n;
  for (let g = inst.studentGroupStart[i]; g < inst.studentGroupStart[i + 1]; g++) {
    const q = st.groupMet[g];
    if (q < 0) continue;
    const cur = st.reqSec[q];
    if ((inst.secMaskLo[cur] & lo) === 0 && (inst.secMaskHi[cur] & hi) === 0) continue;
    if (inst.reqFixed[q] >= 0) {
      undoTo(st, aug, mark);
      return false;
    }
    move(st, aug, q, -1);
  }
  const clashEnd = aug.n;
  if (!seatIn(ws, st, aug, r, s, SEAT_DEPTH)) {
    undoTo(st, aug, mark);
    return false;
  }
  // Re-seat every displaced request of the student in another section of its course.
  for (let k = clashStart; k < clashEnd; k++) {
    const q = aug.req[k];
    const old = aug.sec[k];
    let seated = false;
    for (let e = inst.reqEligStart[q]; e < inst.reqEligStart[q + 1] && !seated; e++) {
      const s3 = inst.reqElig[e];
      if (s3 === old) continue;
      if ((inst.secMaskLo[s3] & st.stuLo[i]) !== 0 || (inst.secMaskHi[s3] & st.stuHi[i]) !== 0) continue;
      seated = seatIn(ws, st, aug, q, s3, SEAT_DEPTH - 1);
    }
    if (!seated && (aug.ejected !== 0 || inst.groupLevel[inst.reqGroup[q]] <= aug.level)) {
      undoTo(st, aug, mark);
      return false;
    }
    if (!seated) aug.ejected = 1;
  }
  return true;
}

/**
 * Tries to meet unmet group g by an augmenting chain (see augmentAt) for each of its requests
 * (the primary first, then alternates by rank) and each of their sections. True when met.
 */
export function augmentGroup(ws: ScheduleSearch, st: LoadState, aug: Augment, g: number): boolean {
  const inst = st.instance;
  // A section no chain could free stays so for the rest of this group's attempts (the state
  // only changes when one succeeds), and the group's attempts share one effort cap.
  aug.stamp++;
  aug.effort = 0;
  for (let r = inst.groupReqStart[g]; r < inst.groupReqStart[g + 1]; r++) {
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
      aug.n = 0;
      aug.ejected = 0;
      aug.level = inst.groupLevel[g];
      if (augmentAt(ws, st, aug, r, inst.reqElig[e])) return true;
    }
  }
  return false;
}

/**
 * One pass of augmenting chains over the unmet groups, most important level first: each group
 * met this way raises its level by one, at the cost of at most one group of a less important
 * level, so every success is a lexicographic gain. A course whose groups failed
 * MAX_COURSE_FAILS times in a row is skipped for the rest of the pass (its seats are taken for
 * good, measured: the pass then costs 3.0M instead of 6.2M units on the high-school preset for
 * 703 instead of 714 groups). Returns how many groups it met; work is charged to ws.work.
 */
export function augmentUnmet(ws: ScheduleSearch, st: LoadState, aug: Augment): number {
  let gained = 0;
  aug.courseFails.fill(0);
  for (let level = 0; level < st.instance.nLevels; level++) gained += augmentLevel(ws, st, aug, level);
  return gained;
}

/**
 * augmentUnmet's pass over the unmet groups of one level. A function of its own: V8 compiled
 * the pass while it ran (OSR) before the next level had ever begun, and threw that code away
 * there (augmentUnmet was compiled two or three times a `mse schedule`).
 */
function augmentLevel(ws: ScheduleSearch, st: LoadState, aug: Augment, level: number): number {
  const inst = st.instance;
  const fails = aug.courseFails;
  let gained = 0;
  for (let g = 0; g < inst.nGroups; g++) {
    if (st.groupMet[g] >= 0 || inst.groupLevel[g] !== level) continue;
    const c = inst.reqCourse[inst.groupReqStart[g]];
    if (fails[c] >= MAX_COURSE_FAILS) continue;
    if (augmentGroup(ws, st, aug, g)) {
      gained++;
      fails[c] = 0;
    } else fails[c]++;
  }
  return gained;
}
