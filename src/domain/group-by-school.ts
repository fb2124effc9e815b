import type { Problem, SchoolProblem } from "./problem.ts";

/** Splits a district problem into one problem per school, schools in input order. */
export function groupBySchool(problem: Problem): SchoolProblem[] {
  const bySchool = new Map<string, SchoolProblem>();
  for (const school of problem.schools) {
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
  const push = <K extends Exclude<keyof SchoolProblem, "school">>(key: K, rows: Problem[K]) => {
    for (const row of rows) {
      const target = bySchool.get(row.schoolId);
      // Rows of unknown schools are rejected at import; a hand-built problem may still hold one.
      if (target) (target[key] as (typeof row)[]).push(row);
    }
  };
  push("courses", problem.courses);
  push("teachers", problem.teachers);
  push("rooms", problem.rooms);
  push("sections", problem.sections);
  push("students", problem.students);
  push("requests", problem.requests);
  push("avoid", problem.avoid);
  return [...bySchool.values()];
}
