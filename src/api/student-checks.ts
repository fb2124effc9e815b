/**
 * What zod cannot see in a late enrollment: whether the courses and sections it names exist in
 * the school. The same rules the interchange import applies to requests.csv, answered as 422
 * with the field at fault, before anything is written.
 */
import type { CourseRequest, SchoolProblem, Student } from "../domain/problem.ts";
import type { ApiIssue } from "./errors.ts";

const q = (s: string): string => JSON.stringify(s);

/** Every referential fault of a student and their requests against the school's problem (none = fine). */
export function checkEnrollment(problem: SchoolProblem, student: Student, requests: readonly CourseRequest[]): ApiIssue[] {
  const { school } = problem;
  const issues: ApiIssue[] = [];
  if (student.grade < school.gradeLow || student.grade > school.gradeHigh) {
    issues.push({ path: "body.grade", message: `grade ${student.grade} is outside grades ${school.gradeLow}..${school.gradeHigh} of school ${q(school.schoolId)}` });
  }
  const courses = new Set(problem.courses.map((c) => c.courseId));
  const sections = new Map(problem.sections.map((s) => [s.sectionId, s]));
  const firstAt = new Map<string, number>();
  requests.forEach((r, i) => {
    const at = `body.requests[${i}]`;
    if (!courses.has(r.courseId)) issues.push({ path: `${at}.courseId`, message: `unknown course ${q(r.courseId)} in school ${q(school.schoolId)}` });
    const first = firstAt.get(r.courseId);
    if (first !== undefined) issues.push({ path: `${at}.courseId`, message: `course ${q(r.courseId)} is already requested in requests[${first}]` });
    else firstAt.set(r.courseId, i);
    if (r.alternateFor !== undefined) {
      if (r.alternateFor === r.courseId) issues.push({ path: `${at}.alternateFor`, message: `a request cannot be an alternate for its own course ${q(r.courseId)}` });
      else if (!requests.some((other) => other.courseId === r.alternateFor)) {
        issues.push({ path: `${at}.alternateFor`, message: `the student does not request course ${q(r.alternateFor)}` });
      }
    }
    if (r.lockedSectionId !== undefined) {
      const section = sections.get(r.lockedSectionId);
      if (!section) issues.push({ path: `${at}.lockedSectionId`, message: `unknown section ${q(r.lockedSectionId)} in school ${q(school.schoolId)}` });
      else if (section.courseId !== r.courseId) {
        issues.push({ path: `${at}.lockedSectionId`, message: `section ${q(section.sectionId)} is a section of course ${q(section.courseId)}, not ${q(r.courseId)}` });
      }
    }
  });
  return issues;
}
