import type { Problem } from "../../../src/domain/problem.ts";
import type { SchoolRoster } from "../../../src/domain/roster.ts";
import { inlineExecutor } from "../../../src/district/inline-executor.ts";
import { fromFiles, runSchools } from "../../../src/district/run-schools.ts";
import { groupBySchool } from "../../../src/domain/group-by-school.ts";
import { tinyProblem } from "../../check/tiny-problem.ts";
import { awkwardIds } from "./awkward-ids.ts";

/** Names as a student information system may spell them: every cell a CSV writer must quote, or must not. */
const NAMES = [
  "O'Brien",
  'Mary "Molly"',
  "Smith, Jr.",
  "two\nlines",
  "carriage\rreturn",
  "Zoë 山田 🙂",
  "=SUM(A1)",
  " spaced ",
  '"',
  ",",
];

/**
 * The tiny school with every ID awkward (awkwardIds) and every name, title and subject holding
 * apostrophes, commas, quotes, line breaks or Unicode, scheduled first-fit: a roster directory's
 * every escaping and hashing path on a few rows.
 */
export async function awkwardSchool(): Promise<{ problem: Problem; rosters: SchoolRoster[] }> {
  const problem = awkwardIds(tinyProblem());
  problem.students.forEach((student, i) => {
    student.givenName = NAMES[i % NAMES.length]!;
    student.familyName = NAMES[(i + 3) % NAMES.length]!;
  });
  problem.teachers.forEach((teacher, i) => {
    teacher.givenName = NAMES[(i + 5) % NAMES.length]!;
    teacher.familyName = NAMES[(i + 1) % NAMES.length]!;
  });
  problem.courses.forEach((course, i) => {
    course.title = `${course.title} ${NAMES[i % NAMES.length]!}`;
    course.subject = `${course.subject ?? ""}, ${NAMES[(i + 2) % NAMES.length]!}`;
  });
  const { rosters } = await runSchools(fromFiles(groupBySchool(problem)), inlineExecutor(), {
    schedule: { seed: 1, quality: "quick", loader: "first-fit" },
    failFast: true,
  });
  return { problem, rosters };
}
