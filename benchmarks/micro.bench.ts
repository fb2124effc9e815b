/**
 * Micro-benchmarks of the hot paths, on the high-school preset (about 3,000 students):
 * CSV import, instance compile, the per-student exact search, one ruin-and-recreate step,
 * and the whole quick load.   npm run bench
 */
import { Bench } from "tinybench";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { groupBySchool } from "../src/domain/group-by-school.ts";
import { readProblem } from "../src/io/interchange/read-problem.ts";
import { writePreset } from "../fixtures/write-preset.ts";
import { compileInstance } from "../solver/instance/compile-instance.ts";
import { createScheduleSearch } from "../solver/construct/schedule-search.ts";
import { placeStudent, removeStudent } from "../solver/construct/place-student.ts";
import { constructLoad } from "../solver/construct/construct-load.ts";
import { hardestFirstOrder } from "../solver/construct/student-order.ts";
import { createRuinRecreate, ruinAndRecreate } from "../solver/improve/ruin-recreate.ts";
import { createLoadState } from "../solver/load/load-state.ts";
import { createRng } from "../solver/load/seeded-random.ts";
import { loadInstance } from "../solver/load/load-instance.ts";

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), "cache", "high-school-1");
if (!existsSync(path.join(dir, "schools.csv"))) await writePreset("high-school", 1, dir);
const { problem } = await readProblem(dir);
const [school] = groupBySchool(problem);
const instance = compileInstance(school);

// A loaded state to measure moves on: construction once, as the solver does.
const rng = createRng(1);
const search = createScheduleSearch(instance);
search.rng = rng;
const state = createLoadState(instance);
constructLoad(search, state, hardestFirstOrder(instance, rng));
const rr = createRuinRecreate(search, state, rng);
const unmetGroups: number[] = [];
for (let g = 0; g < instance.nGroups; g++) if (state.groupMet[g] < 0) unmetGroups.push(g);

let student = 0;
let unmetCursor = 0;
const bench = new Bench({ time: 1000 });
bench
  .add("import high-school CSV (readProblem)", async () => {
    await readProblem(dir);
  })
  .add("compile instance (3,000 students)", () => {
    compileInstance(school);
  })
  .add("per-student exact search (remove + place one student)", () => {
    const i = student++ % instance.nStudents;
    removeStudent(state, i);
    placeStudent(search, state, i);
  })
  .add("one ruin-and-recreate step around an unmet request", () => {
    if (unmetGroups.length === 0) return;
    ruinAndRecreate(rr, unmetGroups[unmetCursor++ % unmetGroups.length]);
  })
  .add("whole quick load (construct + improve)", () => {
    loadInstance(instance, { seed: 1, quality: "quick" });
  });
await bench.run();
console.log(
  `high-school preset: ${instance.nStudents} students, ${instance.nRequests} requests, ${instance.nSections} sections; ${os.cpus()[0]?.model}`,
);
console.table(bench.table());
