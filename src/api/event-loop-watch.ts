/**
 * How long the server's one thread was held at a time: node's event-loop delay histogram
 * (monitorEventLoopDelay), in milliseconds. `mse serve` prints it on SIGUSR2 and starts afresh,
 * which is how bench:api measures the longest stall during a district run.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

export interface EventLoopDelay {
  /** The longest the loop was held (ms). */
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/** Starts watching the loop at `resolutionMs`. */
export function watchEventLoop(resolutionMs = 10): IntervalHistogram {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  return histogram;
}

/** What the histogram has seen since it was last reset, then resets it. */
export function takeEventLoopDelay(histogram: IntervalHistogram): EventLoopDelay {
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const delay = {
    maxMs: ms(histogram.max),
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    meanMs: ms(histogram.mean),
  };
  histogram.reset();
  return delay;
}
