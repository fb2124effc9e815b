/**
 * Progress of a district run as plain data: what the CLI's bar draws and what the API sends as
 * progress events. Work is counted in students, since a school's solve time grows with its size
 * and the largest schools go first: a count of schools alone would promise far too early an end.
 */

export interface DistrictProgress {
  schoolsTotal: number;
  /** Schools finished, with a roster or for good without one. */
  schoolsDone: number;
  schoolsFailed: number;
  studentsTotal: number;
  /** Students of the finished schools. */
  studentsDone: number;
  /** Students of the finished schools who got at least one section. */
  studentsPlaced: number;
  elapsedMs: number;
  /** Estimated time left, once there is anything to estimate from. */
  remainingMs?: number;
  /** The school that just finished. */
  last?: { schoolId: string; ok: boolean; reason?: string };
}

/** A school that has just finished: placed (with its students placed) or failed (with why). */
export type FinishedSchool =
  | { schoolId: string; students: number; ok: true; studentsPlaced: number }
  | { schoolId: string; students: number; ok: false; reason: string };

/** The progress of a run that has not finished any school yet. */
export function initialProgress(schoolsTotal: number, studentsTotal: number): DistrictProgress {
  return {
    schoolsTotal,
    schoolsDone: 0,
    schoolsFailed: 0,
    studentsTotal,
    studentsDone: 0,
    studentsPlaced: 0,
    elapsedMs: 0,
  };
}

/** The progress after one more school, `elapsedMs` after the run began. */
export function advanceProgress(
  progress: DistrictProgress,
  school: FinishedSchool,
  elapsedMs: number,
): DistrictProgress {
  const studentsDone = progress.studentsDone + school.students;
  const next: DistrictProgress = {
    ...progress,
    schoolsDone: progress.schoolsDone + 1,
    schoolsFailed: progress.schoolsFailed + (school.ok ? 0 : 1),
    studentsDone,
    studentsPlaced: progress.studentsPlaced + (school.ok ? school.studentsPlaced : 0),
    elapsedMs,
    last: school.ok
      ? { schoolId: school.schoolId, ok: true }
      : { schoolId: school.schoolId, ok: false, reason: school.reason },
  };
  next.remainingMs = remainingMs(next);
  return next;
}

/** Time left at the rate so far, by students; undefined before the first student is done. */
export function remainingMs(progress: DistrictProgress): number | undefined {
  if (progress.schoolsDone >= progress.schoolsTotal) return 0;
  if (progress.studentsDone <= 0 || progress.elapsedMs <= 0) return undefined;
  const left = Math.max(0, progress.studentsTotal - progress.studentsDone);
  return (progress.elapsedMs / progress.studentsDone) * left;
}
