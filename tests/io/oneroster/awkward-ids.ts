import type { Problem } from "../../../src/domain/problem.ts";

/**
 * The same problem with every ID (school, course, section, teacher, room, student, term)
 * rewritten to hold a space, an apostrophe, a comma and accents, every reference with it:
 * what a student information system may hand over, and what a sourcedId may not hold.
 */
export function awkwardIds(problem: Problem): Problem {
  const id = (value: string) => `${value} d'Été, ñ`;
  const opt = (value: string | undefined) => (value === undefined ? undefined : id(value));
  const defined = <T extends object>(row: T): T =>
    Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;
  return {
    schools: problem.schools.map((s) => ({ ...s, schoolId: id(s.schoolId), terms: s.terms.map(id) })),
    courses: problem.courses.map((c) => ({ ...c, schoolId: id(c.schoolId), courseId: id(c.courseId) })),
    teachers: problem.teachers.map((t) => ({
      ...t,
      schoolId: id(t.schoolId),
      teacherId: id(t.teacherId),
      qualifiedCourses: t.qualifiedCourses.map(id),
    })),
    rooms: problem.rooms.map((r) => ({ ...r, schoolId: id(r.schoolId), roomId: id(r.roomId) })),
    sections: problem.sections.map((s) =>
      defined({
        ...s,
        schoolId: id(s.schoolId),
        sectionId: id(s.sectionId),
        courseId: id(s.courseId),
        teacherId: opt(s.teacherId),
        coTeacherId: opt(s.coTeacherId),
        roomId: opt(s.roomId),
        terms: s.terms.map(id),
      }),
    ),
    students: problem.students.map((s) => ({ ...s, schoolId: id(s.schoolId), studentId: id(s.studentId) })),
    requests: problem.requests.map((r) =>
      defined({
        ...r,
        schoolId: id(r.schoolId),
        studentId: id(r.studentId),
        courseId: id(r.courseId),
        alternateFor: opt(r.alternateFor),
        lockedSectionId: opt(r.lockedSectionId),
      }),
    ),
    avoid: problem.avoid.map((a) => ({
      ...a,
      schoolId: id(a.schoolId),
      studentId: id(a.studentId),
      otherStudentId: id(a.otherStudentId),
    })),
  };
}
