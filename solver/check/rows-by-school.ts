import type { Problem } from "../../src/domain/problem.ts";
import type { SchoolRows } from "./school-facts.ts";

/** Splits a problem's rows by school_id, schools in input order; rows of unknown schools are dropped. */
export function rowsBySchool(problem: Problem): Map<string, SchoolRows> {
  const bySchool = new Map<string, SchoolRows>();
  for (const school of problem.schools) {
    if (bySchool.has(school.schoolId)) continue;
    bySchool.set(school.schoolId, {
      school,
      courses: [],
      teachers: [],
      rooms: [],
      sections: [],
      students: [],
      requests: [],
      avoid: [],
    });
  }
  for (const row of problem.courses) bySchool.get(row.schoolId)?.courses.push(row);
  for (const row of problem.teachers) bySchool.get(row.schoolId)?.teachers.push(row);
  for (const row of problem.rooms) bySchool.get(row.schoolId)?.rooms.push(row);
  for (const row of problem.sections) bySchool.get(row.schoolId)?.sections.push(row);
  for (const row of problem.students) bySchool.get(row.schoolId)?.students.push(row);
  for (const row of problem.requests) bySchool.get(row.schoolId)?.requests.push(row);
  for (const row of problem.avoid) bySchool.get(row.schoolId)?.avoid.push(row);
  return bySchool;
}
