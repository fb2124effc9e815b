/**
 * The builder benchmark: random placement, greedy placement and the full builder side by side
 * on the same school(s) with every period left empty, each loaded and validated.
 *
 *   npm run bench:builders -- [--preset high-school|tiny] [--seed 1]
 *     [--quality quick|full] [--load-quality quick|full] [--time-limit 50]
 *     [--share 1] [--teacher-share 0] [--room-share 0]
 *
 * --share: sections left without a period; --teacher-share / --room-share: of those, the share
 * also left without a teacher / a room.
 *
 * Prints a Markdown table. Timings are wall-clock on this machine and as noisy as it is busy.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { presetPlan, schoolSeed } from "../fixtures/generate.ts";
import { generateSchool } from "../fixtures/generate-school.ts";
import { compareBuilders } from "../solver/master-schedule/compare-builders.ts";
import type { Quality } from "../solver/solve-options.ts";

const { values } = parseArgs({
  options: {
    preset: { type: "string", default: "high-school" },
    seed: { type: "string", default: "1" },
    quality: { type: "string", default: "full" },
    "load-quality": { type: "string", default: "full" },
    share: { type: "string", default: "1" },
    "teacher-share": { type: "string", default: "0" },
    "room-share": { type: "string", default: "0" },
    "time-limit": { type: "string" },
  },
});
const preset = values.preset as "high-school" | "tiny";
const seed = Number(values.seed);
const [planned] = presetPlan(preset, seed, { unplacedShare: Number(values.share) });
const spec = {
  ...planned.spec,
  unassignedTeacherShare: Number(values["teacher-share"]),
  unassignedRoomShare: Number(values["room-share"]),
};
const school = generateSchool(spec, schoolSeed(seed, planned));
const rows = await compareBuilders(school, {
  seed,
  quality: values.quality as Quality,
  timeLimitMs: values["time-limit"] === undefined ? undefined : Number(values["time-limit"]) * 1000,
  loadQuality: values["load-quality"] as Quality,
  loadTimeLimitMs: values["load-quality"] === "full" ? 20_000 : undefined,
});
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
console.log(
  `${preset} seed ${seed}: ${school.students.length} students, ${school.sections.length} sections, ` +
    `${school.sections.filter((s) => s.period === undefined).length} without a period, ` +
    `${school.sections.filter((s) => s.teacherId === undefined).length} without a teacher, ${school.sections.filter((s) => s.roomId === undefined).length} without a room; ` +
    `${rows[0].unavoidableConflicts} request(s) no schedule can fit; build ${values.quality}, load ${values["load-quality"]}; ` +
    `${os.cpus().length} cpus, load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log(
  "| builder | build | unplaced | time bound / requests | met after load / capacity bound | gap | load | violations |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.method} | ${(r.buildMs / 1000).toFixed(1)} s | ${r.sectionsUnplaced} | ${r.timeBound} / ${r.primaryRequests} | ` +
      `${r.primaryMet} / ${r.capacityBound} | ${pct(r.gapToCapacity)} | ${(r.loadMs / 1000).toFixed(1)} s | ${r.violations} |`,
  );
}
