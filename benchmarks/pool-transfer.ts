/**
 * What a pool worker should receive: the school's problem (what it gets) or its compiled
 * instance. Per school, on this thread: v8-encoding the problem (the main thread's cost today),
 * decoding it (the worker's), compiling it (the worker's today; the main thread's if the instance
 * were sent) and the bytes of each. The worker needs the problem anyway (to build a master
 * schedule, to turn the load back into IDs, to write the report line), so sending the instance
 * would add the compile to the main thread's encode rather than replace it. The v8 figures are
 * what the pool sent before; the columnar ones what it sends now (src/district/columnar-encoding.ts). Writes
 * benchmarks/results/pool-transfer-<preset>.json.
 *
 *   npm run bench:transfer -- --preset district-small
 */
import { Command } from "commander";
import os from "node:os";
import v8 from "node:v8";
import { PRESETS, presetSchools, type PresetName } from "../fixtures/generate.ts";
import { oneOf, parseNonNegativeInt, parsePositiveInt } from "../src/cli/option-parsers.ts";
import { compileInstance } from "../solver/instance/compile-instance.ts";
import { instanceTransferList } from "../solver/instance/instance.ts";
import { decodeColumnar, encodeColumnar } from "../src/district/columnar-encoding.ts";
import { writeResult } from "./results-file.ts";

const opts = new Command("bench:transfer")
  .option("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS), "district-small")
  .option("--seed <n>", "generator seed", parseNonNegativeInt, 1)
  .option("--repeat <n>", "measurements per school (the median is kept)", parsePositiveInt, 5)
  .parse()
  .opts<{ preset: PresetName; seed: number; repeat: number }>();

/** Median milliseconds of `repeat` runs of `step`. */
function median(step: () => unknown): number {
  const times: number[] = [];
  for (let k = 0; k < opts.repeat; k++) {
    const started = performance.now();
    step();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const totals = {
  schools: 0,
  problemBytes: 0,
  instanceBytes: 0,
  encodeMs: 0,
  decodeMs: 0,
  compileMs: 0,
  columnarBytes: 0,
  columnarEncodeMs: 0,
  columnarDecodeMs: 0,
};
for (const school of presetSchools(opts.preset, opts.seed)) {
  const bytes = v8.serialize(school);
  totals.schools++;
  totals.problemBytes += bytes.byteLength;
  totals.instanceBytes += instanceTransferList(compileInstance(school)).reduce((n, buffer) => n + buffer.byteLength, 0);
  totals.encodeMs += median(() => v8.serialize(school));
  totals.decodeMs += median(() => v8.deserialize(bytes));
  totals.compileMs += median(() => compileInstance(school));
  const columnar = encodeColumnar(school);
  totals.columnarBytes += columnar.byteLength;
  totals.columnarEncodeMs += median(() => encodeColumnar(school));
  totals.columnarDecodeMs += median(() => decodeColumnar(columnar));
}
const result = {
  preset: opts.preset,
  seed: opts.seed,
  machine: { cores: os.availableParallelism(), load: os.loadavg()[0] },
  ...totals,
  mainThreadMs: { sendProblem: totals.encodeMs, sendInstanceToo: totals.encodeMs + totals.compileMs },
};
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
console.log(
  `${opts.preset}: ${totals.schools} schools; problem ${mb(totals.problemBytes)} as v8 bytes, compiled instance ${mb(totals.instanceBytes)} of typed arrays`,
);
console.log(
  `main thread: encode ${totals.encodeMs.toFixed(0)} ms (sending the instance too: + compile ${totals.compileMs.toFixed(0)} ms); worker: decode ${totals.decodeMs.toFixed(0)} ms`,
);
console.log(
  `columnar (what the pool sends): ${mb(totals.columnarBytes)}, encode ${totals.columnarEncodeMs.toFixed(0)} ms, decode ${totals.columnarDecodeMs.toFixed(0)} ms`,
);
console.log(
  `machine: ${result.machine.cores} cores, load ${result.machine.load.toFixed(1)} (times are upper bounds on a loaded machine)`,
);
writeResult(`pool-transfer-${opts.preset}`, result);
