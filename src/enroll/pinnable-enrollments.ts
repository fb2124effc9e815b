import type { SchoolProblem } from "../domain/problem.ts";
import type { Enrollment, SchoolRoster } from "../domain/roster.ts";

/**
 * The live roster's enrollments that still hold for the current problem: student and section
 * still exist, the section is still placed, and the student still requests its course in a way
 * the section satisfies (grade, locked section, required setting, SDC needs an IEP). These are
 * the seats an incremental run must not move.
 */
export function pinnableEnrollments(problem: SchoolProblem, live: SchoolRoster): Enrollment[] {
  const studentById = new Map(problem.students.map((s) => [s.studentId, s]));
  const sectionById = new Map(problem.sections.map((s) => [s.sectionId, s]));
  const courseById = new Map(problem.courses.map((c) => [c.courseId, c]));
  const placedIds = new Set(live.sections.filter((p) => p.period !== undefined).map((p) => p.sectionId));
  const requestOf = new Map(problem.requests.map((r) => [`${r.studentId}|${r.courseId}`, r]));
  const seen = new Set<string>();
  const kept: Enrollment[] = [];
  for (const enrollment of live.enrollments) {
    const student = studentById.get(enrollment.studentId);
    const section = sectionById.get(enrollment.sectionId);
    if (!student || !section || !placedIds.has(section.sectionId)) continue;
    const request = requestOf.get(`${student.studentId}|${section.courseId}`);
    if (!request) continue;
    const course = courseById.get(section.courseId);
    if (!course || student.grade < course.gradeLow || student.grade > course.gradeHigh) continue;
    if (request.lockedSectionId !== undefined && request.lockedSectionId !== section.sectionId) continue;
    if (request.requiredSetting !== undefined && request.requiredSetting !== section.setting) continue;
    if (section.setting === "sdc" && !student.iep) continue;
    // One seat per student and course: a duplicate in the live roster keeps only its first row.
    const key = `${student.studentId}|${section.courseId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(enrollment);
  }
  return kept;
}
