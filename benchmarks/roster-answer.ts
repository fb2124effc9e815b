/**
 * The main thread's CPU to make a roster's answer (its seats as JSON bytes, what gzip and the
 * socket take, and its gzip) for each new roster under late enrollments: every placement
 * publishes a roster that keeps the previous one's seat objects for everyone but the placed
 * student. JSON before: every seat serialized again and the text encoded; after: the seats'
 * pieces kept across rosters (src/api/roster-json.ts). gzip before: the whole JSON gzipped at
 * level 1 (on libuv's threads, the CPU the same); after: each piece deflated once and kept
 * (src/api/roster-gzip.ts). On a school of bench:api's largest size (2,059 students, 7 seats
 * each, 320 sections; IDs in the store's order), 200 newcomers one after the other; each pass
 * makes its rosters anew (new seat objects), so no pass finds the pieces of another.
 *
 *   npx tsx benchmarks/roster-answer.ts
 *
 * Writes benchmarks/results/roster-answer.json.
 */
import { availableParallelism, loadavg } from "node:os";
import { gunzipSync, gzipSync } from "node:zlib";
import { gzipOfParts, partBytesDeflated } from "../src/api/roster-gzip.ts";
import { enrollmentsJson } from "../src/api/roster-json.ts";
import type { Enrollment } from "../src/domain/roster.ts";
import { compareEnrollments } from "../src/domain/roster-order.ts";
import { writeResult } from "./results-file.ts";

const STUDENTS = 2059;
const SEATS = 7;
const SECTIONS = 320;
const NEWCOMERS = 200;

/** The school's rosters, one per newcomer, each sharing the previous one's seat objects; new objects at every call. */
function rosterSequence(): Enrollment[][] {
  const school: Enrollment[] = [];
  for (let s = 0; s < STUDENTS; s++)
    for (let k = 0; k < SEATS; k++)
      school.push({
        studentId: `HS-S${String(s).padStart(5, "0")}`,
        sectionId: `HS-SEC-${(s * 7 + k * 13) % SECTIONS}`,
      });
  school.sort(compareEnrollments);
  const rosters: Enrollment[][] = [school];
  let roster = school;
  for (let i = 0; i < NEWCOMERS; i++) {
    const seats = Array.from({ length: SEATS }, (_, k) => ({
      studentId: `HS-L${String((i * 7919) % 10007).padStart(5, "0")}`,
      sectionId: `HS-SEC-${(i + k * 31) % SECTIONS}`,
    }));
    roster = [...roster, ...seats].sort(compareEnrollments);
    rosters.push(roster);
  }
  return rosters;
}

/** Each way gives the JSON's length. */
const jsonWays = {
  "every seat serialized, then encoded (before)": (seats: Enrollment[]) =>
    Buffer.from(JSON.stringify(seats.map((e) => ({ studentId: e.studentId, sectionId: e.sectionId })))).length,
  "pieces kept across rosters, put together (after, for a client without gzip)": (seats: Enrollment[]) =>
    Buffer.concat(enrollmentsJson(seats)).length,
  // routes/rosters.ts puts the pieces together only for a client that does not take gzip.
  "pieces kept across rosters, not put together (after, for a gzip client)": (seats: Enrollment[]) =>
    enrollmentsJson(seats).reduce((bytes, part) => bytes + part.length, 0),
};

/** CPU (user + system, every thread) of `work` in ms. */
function cpuOf(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** The seats' JSON: CPU per new roster (the first, the school as a run left it, not counted), best of three passes. */
function jsonCpu(make: (seats: Enrollment[]) => number): { cpuMs: number; bytes: number } {
  let best = Infinity;
  let bytes = 0;
  for (let pass = 0; pass < 3; pass++) {
    const [first, ...rosters] = rosterSequence();
    make(first!);
    const ms = cpuOf(() => {
      for (const seats of rosters) bytes = make(seats);
    });
    best = Math.min(best, ms / rosters.length);
  }
  return { cpuMs: round(best), bytes };
}

/** A roster's answer: its JSON's pieces and the JSON. */
interface Answer {
  parts: Buffer[];
  json: Buffer;
}

interface GzipFigures {
  /** CPU to gzip the school as a run left it (every piece new), ms. */
  firstRosterCpuMs: number;
  /** CPU per roster after a placement, ms. */
  cpuMsPerRoster: number;
  /** Bytes of the last roster's gzip. */
  gzipBytes: number;
  jsonBytes: number;
}

/** The seats' gzip: CPU for the first roster and per roster after a placement, best of three passes; checks each inflates to the JSON. */
async function gzipCpu(make: (answer: Answer) => Promise<Buffer> | Buffer): Promise<GzipFigures> {
  let best: GzipFigures | undefined;
  for (let pass = 0; pass < 3; pass++) {
    const [first, ...rosters] = rosterSequence().map((seats) => {
      const parts = enrollmentsJson(seats);
      return { parts, json: Buffer.concat(parts) };
    });
    let started = process.cpuUsage();
    let gzip: Buffer = await make(first!);
    let used = process.cpuUsage(started);
    const firstMs = (used.user + used.system) / 1000;
    started = process.cpuUsage();
    for (const parts of rosters) gzip = await make(parts);
    used = process.cpuUsage(started);
    const perRoster = (used.user + used.system) / 1000 / rosters.length;
    const json = rosters.at(-1)!.json;
    if (!gunzipSync(gzip).equals(json)) throw new Error("the gzip does not inflate to the roster's JSON");
    if (!best || perRoster < best.cpuMsPerRoster)
      best = {
        firstRosterCpuMs: round(firstMs),
        cpuMsPerRoster: round(perRoster),
        gzipBytes: gzip.length,
        jsonBytes: json.length,
      };
  }
  return best!;
}

const gzipWays = {
  // The JSON is made either way (routes/rosters.ts concatenates it for the uncompressed answer): only gzip counted.
  "the whole JSON gzipped at level 1 (before)": ({ json }: Answer) => gzipSync(json, { level: 1 }),
  "pieces deflated once and kept (after)": ({ parts }: Answer) => gzipOfParts(parts),
};

const figures = Object.fromEntries(Object.entries(jsonWays).map(([name, make]) => [name, jsonCpu(make)]));
const gzipFigures: Record<string, GzipFigures> = {};
const deflatedBefore = partBytesDeflated();
for (const [name, make] of Object.entries(gzipWays)) gzipFigures[name] = await gzipCpu(make);
const deflatedPerPass = (partBytesDeflated() - deflatedBefore) / 3;
const result = {
  generatedAt: new Date().toISOString(),
  machine: { cores: availableParallelism(), node: process.version, loadAverage: loadavg()[0] },
  school: { students: STUDENTS, seatsPerStudent: SEATS, sections: SECTIONS, newcomers: NEWCOMERS },
  cpuMsPerRoster: figures,
  gzip: gzipFigures,
  piecesDeflatedBytesPerPass: Math.round(deflatedPerPass),
};
for (const [name, f] of Object.entries(figures))
  console.log(`${name}: ${f.cpuMs} ms of CPU per roster (${f.bytes} bytes)`);
for (const [name, f] of Object.entries(gzipFigures))
  console.log(
    `gzip, ${name}: ${f.cpuMsPerRoster} ms of CPU per roster after a placement, ${f.firstRosterCpuMs} ms for a new roster; ${f.gzipBytes} bytes of ${f.jsonBytes}`,
  );
console.log(
  `pieces deflated per pass of ${NEWCOMERS + 1} rosters: ${Math.round(deflatedPerPass)} bytes; load average ${loadavg()[0]}`,
);
writeResult("roster-answer", result);
