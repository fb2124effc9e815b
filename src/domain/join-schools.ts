import type { Problem, SchoolProblem } from "./problem.ts";

/** Joins schools' rows into one district problem, schools in the order given: the inverse of groupBySchool. */
export function joinSchools(schools: SchoolProblem[]): Problem {
  return {
    schools: schools.map((s) => s.school),
    courses: schools.flatMap((s) => s.courses),
    teachers: schools.flatMap((s) => s.teachers),
    rooms: schools.flatMap((s) => s.rooms),
    sections: schools.flatMap((s) => s.sections),
    students: schools.flatMap((s) => s.students),
    requests: schools.flatMap((s) => s.requests),
    avoid: schools.flatMap((s) => s.avoid),
  };
}

/** One school as a district problem, its rows the school's own arrays (not copied: read-only use). */
export function schoolAsProblem(school: SchoolProblem): Problem {
  const { courses, teachers, rooms, sections, students, requests, avoid } = school;
  return { schools: [school.school], courses, teachers, rooms, sections, students, requests, avoid };
}
