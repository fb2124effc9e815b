/**
 * A pool task that misbehaves on cue, by the school's ID prefix, and otherwise is the real
 * task: BAD- throws (bad data), CRASH- exits its thread (a crash), HANG- never returns (needs a
 * time-out), FLAKY- throws on its first attempt only (a marker file under FAULTY_TASK_DIR).
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SchoolProblem } from "../../../src/domain/problem.ts";
import { decodeValue, type SchoolTask } from "../../../src/district/school-task.ts";
import solveSchoolTask, { announceStarted } from "../../../workers/solve-school-task.ts";

export default async function faultyTask(task: SchoolTask): ReturnType<typeof solveSchoolTask> {
  announceStarted(task);
  const { schoolId } = decodeValue<SchoolProblem>(task.problem.slice()).school;
  if (schoolId.startsWith("BAD-"))
    throw new Error(`school ${schoolId}: enrollment rows name a student who does not exist`);
  if (schoolId.startsWith("CRASH-")) process.exit(3);
  if (schoolId.startsWith("HANG-")) for (;;);
  if (schoolId.startsWith("FLAKY-")) {
    const marker = path.join(process.env.FAULTY_TASK_DIR ?? "/tmp", `${schoolId}.tried`);
    if (!existsSync(marker)) {
      writeFileSync(marker, "");
      throw new Error(`school ${schoolId}: first attempt fails`);
    }
  }
  return solveSchoolTask(task);
}
