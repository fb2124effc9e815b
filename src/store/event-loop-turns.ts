/**
 * Turns of the event loop inside the store's long loops (bulk inserts, decoding a school's
 * rows, checking an import, paged reads) and the main thread's encoding for the pool:
 * better-sqlite3 is synchronous and the server's thread runs them, so each gives the loop a
 * turn once a slice of time has gone by. The clock, not a count of rows, is what a stall is
 * measured in.
 *
 * Every clock shares one slice per turn of the loop. Tasks that yielded together resume together,
 * one after another in the same turn (setImmediate's queue): with a slice each, a district run's
 * save, the next school's decode and encode, and a roster's read held the loop for the sum of
 * theirs (bench:api --log-stalls: windows of 50-82 ms of the thread's own CPU, several of
 * these on the stack). Now the first to resume starts the slice and the others continue it, each
 * with at least a quarter of its own slice (LEAST_SHARE) so that every task moves on in every
 * turn: a turn of N tasks holds the loop for one slice and N - 1 quarters, not N slices.
 */
import { setImmediate as nextTurn } from "node:timers/promises";

export { nextTurn };

/** A slice of `msPerTurn` milliseconds of work: `due` once it has gone by, `turn` yields and starts the next. */
export interface TurnClock {
  due(): boolean;
  turn(): Promise<void>;
}

/** A clock resuming in a turn whose slice another began gets at least this share of its own slice. */
export const LEAST_SHARE = 0.25;

/** When the slice of the current turn of the loop ends (shared by every clock). */
let sliceEnds = 0;
/** True once the loop has turned since the last slice began: the next clock to ask starts a fresh one. */
let freshTurn = true;

/** When a clock asking now stops: the end of a fresh slice if none has begun since the loop last turned, else the turn's slice or its least share. */
function sliceOfThisTurn(msPerTurn: number): number {
  const now = performance.now();
  if (freshTurn) {
    freshTurn = false;
    sliceEnds = now + msPerTurn;
    // Queued before the tasks that yield in this turn: the next turn's first to resume starts afresh.
    setImmediate(() => (freshTurn = true));
  }
  return Math.max(sliceEnds, now + msPerTurn * LEAST_SHARE);
}

/** A TurnClock starting now, sharing the slice of the loop's turn (Infinity: never due, and no part of the shared slice). */
export function turnClock(msPerTurn: number): TurnClock {
  if (msPerTurn === Infinity) return { due: () => false, turn: () => nextTurn() };
  let ends = sliceOfThisTurn(msPerTurn);
  return {
    due: () => performance.now() >= ends,
    turn: async () => {
      await nextTurn();
      ends = sliceOfThisTurn(msPerTurn);
    },
  };
}
