/**
 * Turns of the event loop inside the store's long loops (bulk inserts, decoding a school's
 * rows, checking an import, paged reads): better-sqlite3 is synchronous and the server's
 * thread runs them, so each gives the loop a turn once a slice of time has gone by. The clock,
 * not a count of rows, is what a stall is measured in.
 */
import { setImmediate as nextTurn } from "node:timers/promises";

export { nextTurn };

/** A slice of `msPerTurn` milliseconds of work: `due` once it has gone by, `turn` yields and starts the next. */
export interface TurnClock {
  due(): boolean;
  turn(): Promise<void>;
}

/** A TurnClock starting now (Infinity: never due). */
export function turnClock(msPerTurn: number): TurnClock {
  let ends = performance.now() + msPerTurn;
  return {
    due: () => performance.now() >= ends,
    turn: async () => {
      await nextTurn();
      ends = performance.now() + msPerTurn;
    },
  };
}
