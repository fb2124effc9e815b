/**
 * The main thread's CPU to make a roster's answer (its seats as JSON bytes, what gzip and the
 * socket take) for each new roster under late enrollments: every placement publishes a roster
 * that keeps the previous one's seat objects for everyone but the placed student. Before:
 * every seat serialized again and the text encoded; after: the seats' pieces kept across
 * rosters (src/api/roster-json.ts). On a school of bench:api's largest size (2,059 students,
 * 7 seats each, 320 sections; IDs in the store's order), 200 newcomers one after the other.
 *
 *   npx tsx benchmarks/roster-answer.ts
 *
 * Writes benchmarks/results/roster-answer.json.
 */
import { availableParallelism, loadavg } from "node:os";
import { enrollmentsJson } from "../src/api/roster-json.ts";
import type { Enrollment } from "../src/domain/roster.ts";
import { compareEnrollments } from "../src/domain/roster-order.ts";
import { writeResult } from "./results-file.ts";

const STUDENTS = 2059;
const SEATS = 7;
const SECTIONS = 320;
const NEWCOMERS = 200;

const school: Enrollment[] = [];
for (let s = 0; s < STUDENTS; s++)
  for (let k = 0; k < SEATS; k++)
    school.push({ studentId: `HS-S${String(s).padStart(5, "0")}`, sectionId: `HS-SEC-${(s * 7 + k * 13) % SECTIONS}` });
school.sort(compareEnrollments);
const rosters: Enrollment[][] = [];
let roster = school;
for (let i = 0; i < NEWCOMERS; i++) {
  const seats = Array.from({ length: SEATS }, (_, k) => ({
    studentId: `HS-L${String((i * 7919) % 10007).padStart(5, "0")}`,
    sectionId: `HS-SEC-${(i + k * 31) % SECTIONS}`,
  }));
  roster = [...roster, ...seats].sort(compareEnrollments);
  rosters.push(roster);
}

const ways = {
  "every seat serialized, then encoded (before)": (seats: Enrollment[]) =>
    Buffer.from(JSON.stringify(seats.map((e) => ({ studentId: e.studentId, sectionId: e.sectionId })))),
  "pieces kept across rosters (after)": (seats: Enrollment[]) => Buffer.concat(enrollmentsJson(seats)),
};

/** CPU (user + system) per roster over the sequence, best of three passes (ms). */
function cpuPerRoster(make: (seats: Enrollment[]) => Buffer): { cpuMs: number; bytes: number } {
  let best = Infinity;
  let bytes = 0;
  for (let pass = 0; pass < 3; pass++) {
    const started = process.cpuUsage();
    for (const seats of rosters) bytes = make(seats).length;
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000 / rosters.length);
  }
  return { cpuMs: Math.round(best * 100) / 100, bytes };
}

const figures = Object.fromEntries(Object.entries(ways).map(([name, make]) => [name, cpuPerRoster(make)]));
const result = {
  generatedAt: new Date().toISOString(),
  machine: { cores: availableParallelism(), node: process.version, loadAverage: loadavg()[0] },
  school: { students: STUDENTS, seatsPerStudent: SEATS, sections: SECTIONS, newcomers: NEWCOMERS },
  cpuMsPerRoster: figures,
};
for (const [name, f] of Object.entries(figures))
  console.log(`${name}: ${f.cpuMs} ms of CPU per roster (${f.bytes} bytes)`);
writeResult("roster-answer", result);
