/**
 * Full garbage collections while a large files run lets go of its solved schools. V8 sizes the
 * old generation's next major collection from what was live at the last one, which for a
 * district is the import's (707 MB): as the schools were solved and let go, the heap went on
 * growing with their garbage and the pool's answers, to 1.18 GB before V8 collected (the
 * night's peak, in the schedule). Collected as a run goes, the heap follows what is live
 * instead, which falls as the problems go and the rosters come: the district's collections
 * found 920, 722, 650 and 580 MB in use and left 650, 578, 505 and 429 MB, and V8 made no major
 * collection of its own in the schedule or the publish (before: four, of 690-918 MB left live,
 * every problem kept; see runSchools). Each cost 0.47-0.65 s of CPU at load 13 on 2 cores.
 */
import v8 from "node:v8";
import vm from "node:vm";

/** Runs of this many requests or more collect as they go; a smaller heap's garbage is V8's to time. */
export const COLLECT_FROM_REQUESTS = 500_000;
/** A collection each time the schools let go since the last one hold this share of the run's requests. */
export const COLLECT_EVERY_SHARE = 1 / 4;
/**
 * A collection that freed less than this share of the heap is the run's last: its caller still
 * holds the problem (`mse schedule --input` validates and writes the rosters against it), so the
 * solved schools free nothing, and each collection of a district's heap costs 0.3-0.6 s of CPU.
 */
export const MIN_SHARE_FREED = 1 / 10;

let gc: (() => void) | undefined;

/**
 * Collects all garbage now, and says what share of the heap it freed: the heap's `gc()`, taken
 * from a context made while the flag that exposes it is set, then the flag set back (as
 * jest-leak-detector does), so that contexts and threads started later get no `gc` global.
 */
export function collectGarbage(): number {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
    v8.setFlagsFromString("--no-expose-gc");
  }
  const before = v8.getHeapStatistics().used_heap_size;
  gc();
  return 1 - v8.getHeapStatistics().used_heap_size / before;
}

/** Tells a run's collector that a solved school's problem of `requests` requests was let go. */
export interface RunCollector {
  letGo(requests: number): void;
}

/**
 * The collector of a run of `requests` requests: for a large run, a collection at once (what
 * the caller read and let go before the run, a district's import) and each time the schools let
 * go since the last hold COLLECT_EVERY_SHARE of the requests, until one frees less than
 * MIN_SHARE_FREED; nothing for a small run. `collect` returns the share of the heap it freed.
 */
export function runCollector(requests: number, collect: () => number = collectGarbage): RunCollector {
  if (requests < COLLECT_FROM_REQUESTS) return { letGo: () => undefined };
  let on = collect() >= MIN_SHARE_FREED;
  let since = 0;
  return {
    letGo: (letGo) => {
      since += letGo;
      if (!on || since < requests * COLLECT_EVERY_SHARE) return;
      since = 0;
      on = collect() >= MIN_SHARE_FREED;
    },
  };
}
