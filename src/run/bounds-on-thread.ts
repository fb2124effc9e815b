/**
 * A school's bounds before its load computed on a thread of their own while this thread
 * constructs the load (the solver asks for them only at its improvement: GivenSeats'
 * boundsBeforeLoad). For a counselor's one school (`mse schedule --input`), whose second core
 * is otherwise idle but for V8's own threads; a district's pool threads are busy already. The
 * thread is started before the problem is read, so that its code is loaded by the time the
 * instance is compiled; where it is not (yet), or fails, the bounds are computed here as
 * before. The same bounds either way, so the same roster.
 *
 * High-school preset (3,000 students, quick), load 11-13 on 2 cores: the bounds cost the main
 * thread 95-115 ms of CPU cold (35 warm), but the main thread's solve gains only 30-40 ms
 * (median 488 -> 459 ms, 6 alternating pairs of the same build with and without the thread;
 * 489 -> 449 against the commit before, bench:start --before, 5 rounds): the time bound runs
 * the construction's own search (schedule-search.ts), which it warmed up for the construction,
 * and the copy of the instance into shared memory costs 12-14 ms. The process's CPU grows by
 * the thread's start and its own warming up (+50-90 ms, on the second core during the read).
 */
import path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { boundsBeforeLoad } from "../../solver/bounds/school-bounds.ts";
import type { Instance } from "../../solver/instance/instance.ts";
import type { BoundsBeforeLoad, BoundsBeforeLoadSource } from "../../solver/solve-school.ts";
import { PACKAGE_ROOT } from "../package-root.ts";
import type { BoundsAnswer, BoundsTask } from "./bounds-thread.ts";

/**
 * The thread's code: bundled (dist/bundle/, see scripts/bundle.mjs), its own JavaScript; as
 * TypeScript, an entry that loads tsx first.
 */
const THREAD_ENTRY = import.meta.url.endsWith(".js")
  ? path.join(PACKAGE_ROOT, "dist/bundle/bounds-thread.cjs")
  : path.join(PACKAGE_ROOT, "src/run/bounds-thread-entry.mjs");

/**
 * The longest wait for the thread's answer before computing the bounds here: only a thread that
 * died mid-task (this thread, blocked, cannot hear of it) waits that long.
 */
const ANSWER_WAIT_MS = 30_000;

type TypedArray = Int8Array | Uint8Array | Int32Array | Float64Array;

/**
 * The instance with each typed array copied into shared memory, which a message hands over
 * without copying: posting the high-school preset's instance (4 MB, 2.1 of them reqElig) as it
 * is cost the main thread 17-20 ms of CPU, these copies and their post 12-14 ms (load 13).
 */
function sharedCopy(instance: Instance): Instance {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(instance)) {
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      const array = value as TypedArray;
      const Type = array.constructor as new (buffer: SharedArrayBuffer) => TypedArray;
      const shared = new Type(new SharedArrayBuffer(array.byteLength));
      shared.set(array);
      copy[key] = shared;
    } else copy[key] = value;
  }
  return copy as unknown as Instance;
}

/** A started bounds thread: the source of bounds to give the solver, and its end. */
export interface BoundsThread {
  boundsBeforeLoad: BoundsBeforeLoadSource;
  /** Settles once the thread's code is loaded (from then on the bounds are computed there). */
  ready: Promise<void>;
  stop: () => Promise<void>;
}

/** Starts the thread; it does not keep the process alive. */
export function startBoundsThread(): BoundsThread {
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(THREAD_ENTRY, { workerData: { ready } });
  worker.unref();
  // A thread that fails to start never says it is ready: the bounds are then computed here.
  worker.on("error", () => undefined);
  const loaded = new Promise<void>((resolve) => {
    worker.once("message", () => resolve());
    worker.once("exit", () => resolve());
  });
  const here = (instance: Instance): BoundsBeforeLoad => boundsBeforeLoad(instance);
  return {
    boundsBeforeLoad: (instance) => {
      const computedHere = () => {
        const computed = here(instance);
        return () => computed;
      };
      if (Atomics.load(ready, 0) !== 1) return computedHere();
      const done = new Int32Array(new SharedArrayBuffer(4));
      const { port1, port2 } = new MessageChannel();
      try {
        const task: BoundsTask = { instance: sharedCopy(instance), port: port2, done };
        worker.postMessage(task, [port2]);
      } catch {
        // An instance that cannot be posted (a field no message carries).
        port1.close();
        return computedHere();
      }
      return () => {
        // Blocking is the point: the load is synchronous, and the answer is on its way.
        Atomics.wait(done, 0, 0, ANSWER_WAIT_MS);
        const answer = receiveMessageOnPort(port1)?.message as BoundsAnswer | undefined;
        port1.close();
        return answer === undefined || "error" in answer ? here(instance) : answer;
      };
    },
    ready: loaded,
    stop: async () => {
      await worker.terminate();
    },
  };
}
