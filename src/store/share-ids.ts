/**
 * Replaces the ids of rows just read with the school's pooled strings (idPool in
 * store-cache.ts), in place: the rows are fresh objects nobody else holds yet.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { SchoolRoster } from "../domain/roster.ts";

type Pool = (id: string) => string;

/** Pools every id of a problem read from the store. */
export function shareProblemIds(problem: SchoolProblem, pool: Pool): void {
  for (const c of problem.courses) c.courseId = pool(c.courseId);
  for (const t of problem.teachers) {
    t.teacherId = pool(t.teacherId);
    t.qualifiedCourses = t.qualifiedCourses.map(pool);
  }
  for (const r of problem.rooms) r.roomId = pool(r.roomId);
  for (const s of problem.sections) {
    s.sectionId = pool(s.sectionId);
    s.courseId = pool(s.courseId);
    if (s.teacherId !== undefined) s.teacherId = pool(s.teacherId);
    if (s.coTeacherId !== undefined) s.coTeacherId = pool(s.coTeacherId);
    if (s.roomId !== undefined) s.roomId = pool(s.roomId);
  }
  for (const s of problem.students) s.studentId = pool(s.studentId);
  for (const r of problem.requests) {
    r.studentId = pool(r.studentId);
    r.courseId = pool(r.courseId);
    if (r.alternateFor !== undefined) r.alternateFor = pool(r.alternateFor);
    if (r.lockedSectionId !== undefined) r.lockedSectionId = pool(r.lockedSectionId);
  }
  for (const a of problem.avoid) {
    a.studentId = pool(a.studentId);
    a.otherStudentId = pool(a.otherStudentId);
  }
}

/** Pools every id of a roster read from the store. */
export function shareRosterIds(roster: SchoolRoster, pool: Pool): void {
  for (const p of roster.sections) {
    p.sectionId = pool(p.sectionId);
    if (p.teacherId !== undefined) p.teacherId = pool(p.teacherId);
    if (p.coTeacherId !== undefined) p.coTeacherId = pool(p.coTeacherId);
    if (p.roomId !== undefined) p.roomId = pool(p.roomId);
  }
  for (const e of roster.enrollments) {
    e.studentId = pool(e.studentId);
    e.sectionId = pool(e.sectionId);
  }
  for (const u of roster.unscheduled) {
    u.studentId = pool(u.studentId);
    u.courseId = pool(u.courseId);
  }
}
