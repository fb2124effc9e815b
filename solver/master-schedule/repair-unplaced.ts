import type { BuildInstance } from "./build-instance.ts";
import { chooseResources, newResources, type Resources } from "./choose-resources.ts";
import { roomFree, teacherFree, vacate, occupy, type ScheduleState } from "./schedule-state.ts";
import { randomInt, type Random } from "./seeded-random.ts";

/**
 * Places the sections the constructor could not, by iterative forward search with ejections (in
 * the manner of UniTime's IFS): take an unplaced section, put it in the period where it evicts
 * the fewest movable sections (teacher, co-teacher or room holders), evict them, repeat. A short
 * tabu memory keeps an evicted section from going straight back. Returns those still unplaced
 * after `maxSteps` steps (the sections that cannot go anywhere without moving a given period).
 */
export function repairUnplaced(
  inst: BuildInstance,
  state: ScheduleState,
  movable: Uint8Array,
  left: number[],
  random: Random,
  maxSteps = 20_000,
): number[] {
  const resources = newResources();
  const queue = [...left];
  const inQueue = new Uint8Array(inst.nSections);
  for (const s of queue) inQueue[s] = 1;
  // tabuUntil[s * nPeriods + p - 1]: the step until which s may not return to p.
  const tabuUntil = new Int32Array(inst.nSections * inst.nPeriods);
  const evictions = new Int32Array(inst.nSections);
  const blockers: number[] = [];
  const bestBlockers: number[] = [];
  const hopeless: number[] = [];

  for (let step = 0; queue.length > 0 && step < maxSteps; step++) {
    const at = randomInt(random, queue.length);
    const s = queue[at];
    queue[at] = queue[queue.length - 1];
    queue.pop();
    inQueue[s] = 0;

    let best = 0;
    let bestCost = Infinity;
    let ties = 0;
    const walk = random() < 0.15;
    for (let p = 1; p <= inst.nPeriods; p++) {
      if (!blockersAt(inst, state, movable, s, p, blockers, resources)) continue;
      let cost = 0;
      for (const b of blockers) cost += b < 0 ? 0.5 : 1 + 0.1 * evictions[b];
      if (tabuUntil[s * inst.nPeriods + p - 1] > step) cost += 5;
      // A random walk now and then breaks the cycles a greedy choice falls into.
      if (walk) cost = random();
      if (cost < bestCost) {
        bestCost = cost;
        best = p;
        ties = 1;
        bestBlockers.length = 0;
        bestBlockers.push(...blockers);
      } else if (cost === bestCost && randomInt(random, ++ties) === 0) {
        best = p;
        bestBlockers.length = 0;
        bestBlockers.push(...blockers);
      }
    }
    if (best === 0) {
      hopeless.push(s);
      continue;
    }
    let rehomed = true;
    for (const code of bestBlockers) {
      if (code < 0) rehomed = moveToAnotherRoom(inst, state, -1 - code, resources) && rehomed;
    }
    if (!rehomed) {
      queue.push(s);
      inQueue[s] = 1;
      continue;
    }
    for (const b of bestBlockers) {
      if (b < 0) continue;
      tabuUntil[b * inst.nPeriods + state.period[b] - 1] = step + 10;
      evictions[b]++;
      vacate(inst, state, b);
    }
    if (chooseResources(inst, state, s, best, resources)) {
      occupy(inst, state, s, best, resources.teacher, resources.coTeacher, resources.room);
    } else if (!inQueue[s]) {
      queue.push(s);
      inQueue[s] = 1;
    }
    for (const b of bestBlockers) {
      if (b < 0 || inQueue[b]) continue;
      queue.push(b);
      inQueue[b] = 1;
    }
  }
  return [...hopeless, ...queue];
}

/**
 * The movable sections to evict so that s fits in period p (empty when it fits as is), and as
 * -1 - b the sections with a given period to move to another room; false when p is impossible
 * without moving a section whose period is given, or a teacher is unavailable.
 */
function blockersAt(
  inst: BuildInstance,
  state: ScheduleState,
  movable: Uint8Array,
  s: number,
  p: number,
  out: number[],
  resources: Resources,
): boolean {
  out.length = 0;
  if (chooseResources(inst, state, s, p, resources)) return true;
  const terms = inst.secTermMask[s];
  const teacher = state.teacher[s];
  const coTeacher = state.coTeacher[s];
  const givenRoom = inst.secNeedsRoom[s] ? -1 : state.room[s];
  const bit = 1 << (p - 1);
  if (teacher >= 0 && inst.teacherUnavailable[teacher] & bit) return false;
  if (coTeacher >= 0 && inst.teacherUnavailable[coTeacher] & bit) return false;
  const teacherBusy = teacher >= 0 && !teacherFree(inst, state, teacher, p, terms);
  const coBusy = coTeacher >= 0 && !teacherFree(inst, state, coTeacher, p, terms);
  const roomBusy = givenRoom >= 0 && !roomFree(inst, state, givenRoom, p, terms);
  let roomHolder = -1;
  let roomHolderCapacity = Infinity;
  for (let b = 0; b < inst.nSections; b++) {
    if (b === s || state.period[b] !== p || (inst.secTermMask[b] & terms) === 0) continue;
    const holdsTeacher =
      (teacherBusy && (state.teacher[b] === teacher || state.coTeacher[b] === teacher)) ||
      (coBusy && (state.teacher[b] === coTeacher || state.coTeacher[b] === coTeacher));
    const holdsRoom = roomBusy && state.room[b] === givenRoom;
    if (holdsTeacher || holdsRoom) {
      // A section whose period is given but whose room was chosen can change rooms instead (coded -1 - b).
      if (!movable[b] && !holdsTeacher && inst.secNeedsRoom[b]) out.push(-1 - b);
      else if (!movable[b]) return false;
      else out.push(b);
    } else if (inst.secNeedsRoom[s] && movable[b] && state.room[b] >= 0) {
      // A room from the pool: evict the holder of the smallest room that seats s.
      const capacity = inst.roomCapacity[state.room[b]];
      const fits = capacity >= inst.secCapacity[s];
      const key = fits ? capacity : 1e6 - capacity;
      if (key < roomHolderCapacity) {
        roomHolderCapacity = key;
        roomHolder = b;
      }
    }
  }
  if (inst.secNeedsRoom[s]) {
    let anyRoom = false;
    for (let r = 0; r < inst.nRooms && !anyRoom; r++) {
      if (roomFree(inst, state, r, p, terms)) anyRoom = true;
      else {
        // A room freed by an eviction already planned counts as free.
        for (const b of out) if (b >= 0 && state.room[b] === r) anyRoom = true;
      }
    }
    if (!anyRoom) {
      if (roomHolder < 0) return false;
      out.push(roomHolder);
    }
  }
  return out.length > 0;
}

/** Moves section b, in its period, out of its chosen room into another free one; false (and nothing changed) when none is free. */
function moveToAnotherRoom(inst: BuildInstance, state: ScheduleState, b: number, resources: Resources): boolean {
  const p = state.period[b];
  const room = state.room[b];
  const terms = inst.secTermMask[b];
  const teacher = state.teacher[b];
  const coTeacher = state.coTeacher[b];
  vacate(inst, state, b);
  // Keep the old room out of the choice while choosing.
  state.roomBusy[room * inst.nPeriods + p - 1] |= terms;
  const ok = chooseResources(inst, state, b, p, resources) && resources.room !== room;
  state.roomBusy[room * inst.nPeriods + p - 1] &= ~terms;
  if (ok) occupy(inst, state, b, p, resources.teacher, resources.coTeacher, resources.room);
  else occupy(inst, state, b, p, teacher, coTeacher, room);
  return ok;
}
