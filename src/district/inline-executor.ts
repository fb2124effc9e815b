import type { SolvingExecutor } from "./executors.ts";
import { scheduleWithReport } from "../run/schedule-school.ts";

/** Solves on this thread, one school at a time (a counselor's one school; tests). */
export function inlineExecutor(): SolvingExecutor {
  return { kind: "inline", threads: 1, solve: scheduleWithReport, close: async () => undefined };
}
