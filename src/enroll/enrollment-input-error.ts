import { alternateCircles } from "../domain/alternate-circles.ts";
import { controlCharacterProblem } from "../domain/plain-text.ts";
import type { CourseRequest, SchoolProblem, Student } from "../domain/problem.ts";

/** One thing wrong with a late enrollment: the field at fault (`requests[2].courseId`) and what is wrong. */
export interface EnrollmentIssue {
  field: string;
  message: string;
}

/** A late enrollment that does not fit its school; nothing was written. */
export class EnrollmentInputError extends Error {
  constructor(
    readonly schoolId: string,
    readonly studentId: string,
    readonly issues: EnrollmentIssue[],
  ) {
    super(
      `cannot enroll ${JSON.stringify(studentId)} in ${JSON.stringify(schoolId)}: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`,
    );
    this.name = "EnrollmentInputError";
  }
}

/**
 * What an enrollment of an ID another school has is told: the same words whichever school it
 * is, so that trying IDs one after another reveals no student's school.
 */
export function foreignStudentMessage(studentId: string): string {
  return `student ID ${JSON.stringify(studentId)} belongs to another school of the district: a transfer is a drop there first`;
}

/**
 * What the import would refuse in one student's rows, checked against the school they join:
 * a grade the school does not teach, a team it does not have, a course it does not offer, a locked section that is not
 * a section of the course, an alternate for a course the student does not request, alternates
 * that go round in a circle, a course asked for twice. Empty when the enrollment fits.
 */
export function enrollmentIssues(
  problem: SchoolProblem,
  student: Student,
  requests: readonly CourseRequest[],
): EnrollmentIssue[] {
  const issues: EnrollmentIssue[] = [];
  const { school } = problem;
  for (const field of ["studentId", "givenName", "familyName", "gender"] as const) {
    const problemText = student[field] === undefined ? undefined : controlCharacterProblem(student[field]);
    if (problemText) issues.push({ field: `student.${field}`, message: problemText });
  }
  if (!Number.isInteger(student.grade) || student.grade < school.gradeLow || student.grade > school.gradeHigh) {
    issues.push({
      field: "student.grade",
      message: `grade ${student.grade} is outside school ${school.schoolId}'s grades ${school.gradeLow} to ${school.gradeHigh}`,
    });
  }
  if (
    student.teamId !== undefined &&
    !problem.students.some((s) => s.teamId === student.teamId) &&
    !problem.sections.some((s) => s.teamId === student.teamId)
  ) {
    issues.push({
      field: "student.teamId",
      message: `school ${school.schoolId} has no team ${JSON.stringify(student.teamId)}`,
    });
  }
  const courses = new Set(problem.courses.map((c) => c.courseId));
  const courseOfSection = new Map(problem.sections.map((s) => [s.sectionId, s.courseId]));
  const requested = new Set(requests.map((r) => r.courseId));
  const seen = new Set<string>();
  requests.forEach((r, i) => {
    const at = `requests[${i}]`;
    for (const field of ["courseId", "alternateFor", "lockedSectionId"] as const) {
      const problemText = r[field] === undefined ? undefined : controlCharacterProblem(r[field]);
      if (problemText) issues.push({ field: `${at}.${field}`, message: problemText });
    }
    if (!courses.has(r.courseId))
      issues.push({
        field: `${at}.courseId`,
        message: `school ${school.schoolId} has no course ${JSON.stringify(r.courseId)}`,
      });
    if (seen.has(r.courseId))
      issues.push({ field: `${at}.courseId`, message: `course ${JSON.stringify(r.courseId)} is requested twice` });
    seen.add(r.courseId);
    if (!Number.isInteger(r.priority) || r.priority < 1)
      issues.push({
        field: `${at}.priority`,
        message: `priority must be a whole number of at least 1, not ${r.priority}`,
      });
    if (r.alternateFor !== undefined && (r.alternateFor === r.courseId || !requested.has(r.alternateFor))) {
      issues.push({
        field: `${at}.alternateFor`,
        message: `${JSON.stringify(r.alternateFor)} is not another course this student requests`,
      });
    }
    if (r.lockedSectionId !== undefined && courseOfSection.get(r.lockedSectionId) !== r.courseId) {
      const owner = courseOfSection.get(r.lockedSectionId);
      issues.push({
        field: `${at}.lockedSectionId`,
        message:
          owner === undefined
            ? `school ${school.schoolId} has no section ${JSON.stringify(r.lockedSectionId)}`
            : `section ${JSON.stringify(r.lockedSectionId)} is a section of ${JSON.stringify(owner)}, not ${JSON.stringify(r.courseId)}`,
      });
    }
  });
  for (const circle of alternateCircles(requests)) {
    const path = [...circle, circle[0]].map((i) => JSON.stringify(requests[i].courseId)).join(" -> ");
    issues.push({
      field: `requests[${circle[0]}].alternateFor`,
      message: `the alternates go round in a circle (${path}): one of them must be a primary request`,
    });
  }
  return issues;
}
