/** The schedule options a run of many schools gives each of them. */
import type { ScheduleOptions } from "../run/schedule-school.ts";

/**
 * The schedule options of a run of `schools` schools: a run of many (a district's, in this
 * process, on the pool or on the queue) leaves out quick's LP-guided search of small schools
 * unless asked for. A counselor waits seconds for one school and it brings a small high school
 * to within 0.3% of its optimum (bench:exact), but on the district preset it ran on 35 schools
 * for 30 more requests met and raised the solve from 37 s to 56.5 s on 2 threads (70 s to 109 s
 * of CPU; issue 15's target is 45 s).
 */
export function scheduleOfRun(schedule: ScheduleOptions, schools: number): ScheduleOptions {
  return schools > 1 && schedule.lpGuided === undefined ? { ...schedule, lpGuided: false } : schedule;
}
