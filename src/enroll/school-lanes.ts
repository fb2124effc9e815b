/**
 * One lane per school in this process: what changes a school (an import, a run, a student
 * written and placed) happens one at a time, in arrival order, so that two requests of one
 * school do not trip over its run lease or over each other's problem version. Student changes
 * that wait together are handled as one batch: each is written, then one incremental run
 * places them all, instead of one run per student.
 */

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

type Entry<T, R> =
  | {
      kind: "exclusive";
      work: () => Promise<unknown>;
      resolve: (value: unknown) => void;
      reject: (error: unknown) => void;
    }
  | { kind: "batched"; item: T; key: string; resolve: (value: R) => void; reject: (error: unknown) => void };

interface Lane<T, R> {
  queue: Entry<T, R>[];
  /** Resolves when the lane has drained. */
  done: Promise<void>;
}

export interface SchoolLanes<T, R> {
  lanes: Map<string, Lane<T, R>>;
  /** Handles a batch of one school's items, in order; one outcome per item. */
  runBatch: (schoolId: string, items: T[]) => Promise<Settled<R>[]>;
  /** Items batch together only with neighbours of the same key (e.g. the same run options). */
  keyOf: (item: T) => string;
  maxBatch: number;
  /**
   * How long a lane that wakes up for a batched item waits for more before starting. A busy
   * server has requests waiting to be read; a few milliseconds let them join the batch, and
   * one run then seats them all instead of one run each.
   */
  windowMs: number;
}

/** Lanes whose batched items are handled by `runBatch`. */
export function createSchoolLanes<T, R>(
  runBatch: SchoolLanes<T, R>["runBatch"],
  keyOf: (item: T) => string,
  options: { maxBatch?: number; windowMs?: number } = {},
): SchoolLanes<T, R> {
  return { lanes: new Map(), runBatch, keyOf, maxBatch: options.maxBatch ?? 100, windowMs: options.windowMs ?? 0 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the entries to handle next: one exclusive entry, or a run of batched ones of one key. */
function nextBatch<T, R>(lanes: SchoolLanes<T, R>, queue: Entry<T, R>[]): Entry<T, R>[] {
  const head = queue[0]!;
  if (head.kind === "exclusive") return queue.splice(0, 1);
  let n = 1;
  while (n < queue.length && n < lanes.maxBatch) {
    const next = queue[n]!;
    if (next.kind !== "batched" || next.key !== head.key) break;
    n++;
  }
  return queue.splice(0, n);
}

async function drain<T, R>(lanes: SchoolLanes<T, R>, schoolId: string, lane: Lane<T, R>): Promise<void> {
  while (lane.queue.length > 0) {
    if (lane.queue[0]!.kind === "batched" && lanes.windowMs > 0) await sleep(lanes.windowMs);
    const batch = nextBatch(lanes, lane.queue);
    const head = batch[0]!;
    if (head.kind === "exclusive") {
      await head.work().then(head.resolve, head.reject);
      continue;
    }
    const entries = batch as Extract<Entry<T, R>, { kind: "batched" }>[];
    try {
      const outcomes = await lanes.runBatch(
        schoolId,
        entries.map((e) => e.item),
      );
      entries.forEach((entry, i) => {
        const outcome = outcomes[i];
        if (!outcome) entry.reject(new Error("the batch gave no outcome for this item"));
        else if (outcome.ok) entry.resolve(outcome.value);
        else entry.reject(outcome.error);
      });
    } catch (error) {
      for (const entry of entries) entry.reject(error);
    }
  }
}

/** Adds an entry to the school's lane, starting the lane if it was idle. */
function enqueue<T, R>(lanes: SchoolLanes<T, R>, schoolId: string, entry: Entry<T, R>): void {
  const existing = lanes.lanes.get(schoolId);
  if (existing) {
    existing.queue.push(entry);
    return;
  }
  const lane: Lane<T, R> = { queue: [entry], done: Promise.resolve() };
  lanes.lanes.set(schoolId, lane);
  lane.done = drain(lanes, schoolId, lane).finally(() => lanes.lanes.delete(schoolId));
}

/** Runs `work` alone in the school's lane, after everything queued before it. */
export function runExclusive<X, T, R>(lanes: SchoolLanes<T, R>, schoolId: string, work: () => Promise<X>): Promise<X> {
  return new Promise<X>((resolve, reject) =>
    enqueue(lanes, schoolId, { kind: "exclusive", work, resolve: resolve as (value: unknown) => void, reject }),
  );
}

/** Queues an item of the school's next batch; resolves with its own outcome. */
export function runBatched<T, R>(lanes: SchoolLanes<T, R>, schoolId: string, item: T): Promise<R> {
  return new Promise<R>((resolve, reject) =>
    enqueue(lanes, schoolId, { kind: "batched", item, key: lanes.keyOf(item), resolve, reject }),
  );
}

/** Resolves once every lane has drained (new work queued meanwhile included). */
export async function idleLanes<T, R>(lanes: SchoolLanes<T, R>): Promise<void> {
  while (lanes.lanes.size > 0) await Promise.all([...lanes.lanes.values()].map((lane) => lane.done));
}
