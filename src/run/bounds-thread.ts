/**
 * The thread computing a school's bounds before its load (bounds-on-thread.ts starts it): it
 * says it is ready once its code is loaded (in shared memory, which the main thread reads
 * without waiting, and in a message), then answers each instance posted with
 * boundsBeforeLoad's answer on the port it came with, and flags the answer sent.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { boundsBeforeLoad } from "../../solver/bounds/school-bounds.ts";
import type { Instance } from "../../solver/instance/instance.ts";

/** What the main thread posts: the instance, the port to answer on, and the flag to raise once answered. */
export interface BoundsTask {
  instance: Instance;
  port: MessagePort;
  done: Int32Array;
}

/** The answer on the task's port: the bounds, or what went wrong (the main thread then computes them itself). */
export type BoundsAnswer = ReturnType<typeof boundsBeforeLoad> | { error: string };

parentPort!.on("message", ({ instance, port, done }: BoundsTask) => {
  let answer: BoundsAnswer;
  try {
    answer = boundsBeforeLoad(instance);
  } catch (error) {
    answer = { error: String((error as Error).stack ?? error) };
  }
  port.postMessage(answer);
  port.close();
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
});
const { ready } = workerData as { ready: Int32Array };
Atomics.store(ready, 0, 1);
parentPort!.postMessage("ready");
