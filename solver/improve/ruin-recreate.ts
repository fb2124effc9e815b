import { mostGroupsPerStudent } from "../instance/instance.ts";
import { placeStudent, removeStudent } from "../construct/place-student.ts";
import type { ScheduleSearch } from "../construct/schedule-search.ts";
import { assignRequest, hasSeat, type LoadState } from "../load/load-state.ts";
import { compareWithoutBalance, objectiveLength, readObjective } from "../load/objective.ts";
import { nextInt, type Rng } from "../load/seeded-random.ts";
import { createRelaxedSchedule, relaxedSchedule, type RelaxedSchedule } from "./relaxed-schedule.ts";
import { studentValue } from "./schedule-ceiling.ts";

/** Buffers of the ruin-and-recreate move, allocated once per run. */
export interface RuinRecreate {
  ws: ScheduleSearch;
  st: LoadState;
  rng: Rng;
  /** Students taken out by the current move. */
  ruined: Int32Array;
  nRuined: number;
  /** Their assignments before the move, to undo it: request and section pairs. */
  savedReq: Int32Array;
  savedSec: Int32Array;
  nSaved: number;
  studentMark: Int32Array;
  stamp: number;
  before: Float64Array;
  after: Float64Array;
  /** What each ruined student's schedule was worth to them before the move. */
  worth: Float64Array;
  relaxed: RelaxedSchedule;
}

const MAX_RUINED = 16;
const MOVE_NODE_LIMIT = 200;

/** Buffers for moves on `st`. */
export function createRuinRecreate(ws: ScheduleSearch, st: LoadState, rng: Rng): RuinRecreate {
  const inst = st.instance;
  const maxGroups = mostGroupsPerStudent(inst);
  const len = objectiveLength(inst.nLevels);
  return {
    ws,
    st,
    rng,
    ruined: new Int32Array(MAX_RUINED),
    nRuined: 0,
    savedReq: new Int32Array(MAX_RUINED * maxGroups),
    savedSec: new Int32Array(MAX_RUINED * maxGroups),
    nSaved: 0,
    studentMark: new Int32Array(inst.nStudents),
    stamp: 0,
    before: new Float64Array(len),
    after: new Float64Array(len),
    worth: new Float64Array(MAX_RUINED),
    relaxed: createRelaxedSchedule(st),
  };
}

function addRuined(rr: RuinRecreate, i: number): void {
  if (rr.nRuined >= MAX_RUINED || rr.studentMark[i] === rr.stamp) return;
  rr.studentMark[i] = rr.stamp;
  rr.ruined[rr.nRuined++] = i;
}

/** Adds up to `count` random students seated in section s (not pinned there). */
function addMembersOf(rr: RuinRecreate, s: number, count: number): void {
  const st = rr.st;
  const size = st.secSize[s];
  if (size === 0) return;
  const base = st.memberStart[s];
  for (let k = 0; k < count; k++) {
    const r = st.members[base + nextInt(rr.rng, size)];
    if (st.instance.reqFixed[r] >= 0) continue;
    addRuined(rr, st.instance.reqStudent[r]);
  }
}

function partnerSitsIn(st: LoadState, p: number, s: number): boolean {
  const inst = st.instance;
  for (let h = inst.studentGroupStart[p]; h < inst.studentGroupStart[p + 1]; h++) {
    const r = st.groupMet[h];
    if (r >= 0 && st.reqSec[r] === s) return true;
  }
  return false;
}

/**
 * One move around an unmet group g: pick one of its sections, take out its student, some of
 * the students who hold the seats it needs, and some holding seats in a section the student
 * would have to move to; put them back one by one with the exact per-student search (the
 * unmet student first), and keep the result unless the objective got worse.
 * Returns the sign of the change (1 better, 0 equal, -1 worse and undone).
 */
export function ruinAndRecreate(rr: RuinRecreate, g: number): number {
  const st = rr.st;
  const inst = st.instance;
  const rng = rr.rng;
  const student = inst.groupStudent[g];
  const r0 = inst.groupReqStart[g];
  const r1 = inst.groupReqStart[g + 1];
  const e0 = inst.reqEligStart[r0];
  const e1 = inst.reqEligStart[r1];
  if (e1 === e0) return 0;
  const s = inst.reqElig[e0 + nextInt(rng, e1 - e0)];

  rr.stamp++;
  rr.nRuined = 0;
  addRuined(rr, student);
  const width = 1 + nextInt(rng, nextInt(rng, 4) === 0 ? 8 : 3);
  // Avoid partners keeping the student out of s move too (one of them may give way).
  for (let a = inst.avoidStart[student]; a < inst.avoidStart[student + 1]; a++) {
    const p = inst.avoidOther[a];
    if (partnerSitsIn(st, p, s)) addRuined(rr, p);
  }
  if (!hasSeat(st, s, student)) addMembersOf(rr, s, width);
  // The student's classes meeting with s must move: open a seat in another section of one.
  const lo = inst.secMaskLo[s];
  const hi = inst.secMaskHi[s];
  for (let h = inst.studentGroupStart[student]; h < inst.studentGroupStart[student + 1]; h++) {
    const r = st.groupMet[h];
    if (r < 0 || inst.reqFixed[r] >= 0) continue;
    const cur = st.reqSec[r];
    if ((inst.secMaskLo[cur] & lo) === 0 && (inst.secMaskHi[cur] & hi) === 0) continue;
    const f0 = inst.reqEligStart[r];
    const f1 = inst.reqEligStart[r + 1];
    if (f1 - f0 < 2) continue;
    const other = inst.reqElig[f0 + nextInt(rng, f1 - f0)];
    if (other !== cur && !hasSeat(st, other, student)) addMembersOf(rr, other, 1 + nextInt(rng, width));
  }
  // Now and then a wider ruin: a few more students of the target section.
  if (nextInt(rng, 4) === 0) addMembersOf(rr, s, 2);
  // The student alone would only get back the schedule the exact search gave them (on a
  // high-school-like span school, half the moves and a fifth of the work for a tenth of the
  // gains): aim at the full sections of their relaxed schedule instead.
  if (rr.nRuined === 1) return ruinAround(rr, student);
  return recreate(rr);
}

/**
 * A move aimed at student i's relaxed schedule (relaxed-schedule.ts): when it needs no full
 * section, i is simply placed again; otherwise i and a few students of each of those full
 * sections are taken out and put back (i first). Nothing when no such schedule is better for i.
 */
function ruinAround(rr: RuinRecreate, i: number): number {
  const st = rr.st;
  const inst = st.instance;
  const n = relaxedSchedule(rr.ws, st, rr.relaxed, i);
  if (n < 0) return 0;
  for (let k = 0; k < n; k++) {
    const s = rr.relaxed.fullSec[k];
    for (let a = inst.avoidStart[i]; a < inst.avoidStart[i + 1]; a++) {
      const p = inst.avoidOther[a];
      if (partnerSitsIn(st, p, s)) addRuined(rr, p);
    }
    addMembersOf(rr, s, 1 + nextInt(rr.rng, 3));
  }
  return recreate(rr);
}

/**
 * Takes the ruined students out, puts them back one by one with the exact per-student search
 * (the first, the unmet student, first), and keeps the result unless the objective got worse.
 */
function recreate(rr: RuinRecreate): number {
  const st = rr.st;
  const inst = st.instance;
  const rng = rr.rng;
  readObjective(st, rr.before);
  rr.nSaved = 0;
  for (let k = 0; k < rr.nRuined; k++) {
    const i = rr.ruined[k];
    rr.worth[k] = studentValue(st, i);
    for (let h = inst.studentGroupStart[i]; h < inst.studentGroupStart[i + 1]; h++) {
      const r = st.groupMet[h];
      if (r < 0 || inst.reqFixed[r] >= 0) continue;
      rr.savedReq[rr.nSaved] = r;
      rr.savedSec[rr.nSaved] = st.reqSec[r];
      rr.nSaved++;
    }
    removeStudent(st, i);
  }
  // The unmet student first, the others in random order.
  for (let k = 1; k < rr.nRuined; k++) {
    const j = 1 + nextInt(rng, rr.nRuined - 1);
    const x = rr.ruined[k];
    rr.ruined[k] = rr.ruined[j];
    rr.ruined[j] = x;
    const w = rr.worth[k];
    rr.worth[k] = rr.worth[j];
    rr.worth[j] = w;
  }
  // Students who cannot get everything would make the exact search prove it: cap its effort
  // here (the best schedule found so far is kept), a move is cheap and there are many.
  const nodeLimit = rr.ws.nodeLimit;
  rr.ws.nodeLimit = MOVE_NODE_LIMIT;
  rr.ws.noise = 0.5;
  // The others stop searching once they have back what they had: proving that nothing better
  // exists for them cost most of a move's nodes, and a move's gain is the unmet student's.
  for (let k = 0; k < rr.nRuined; k++) placeStudent(rr.ws, st, rr.ruined[k], k > 0 ? rr.worth[k] : Infinity);
  rr.ws.noise = 0;
  rr.ws.nodeLimit = nodeLimit;

  readObjective(st, rr.after);
  // Sideways moves (equal but for the balance) are kept: they let the search drift across
  // plateaus; the balance is restored by the rebalancing pass.
  const delta = compareWithoutBalance(rr.after, rr.before);
  if (delta >= 0) return delta > 0 ? 1 : 0;
  for (let k = 0; k < rr.nRuined; k++) removeStudent(st, rr.ruined[k]);
  for (let k = 0; k < rr.nSaved; k++) assignRequest(st, rr.savedReq[k], rr.savedSec[k]);
  return -1;
}
