import type { SchoolProblem } from "../../src/domain/problem.ts";

/**
 * Adds the v1.1 shapes to a random school, at random and hard on purpose (a spec, not a model
 * of a district): students in teams A and B and a share of the sections of some courses tagged
 * to a team; sections of length 2 and linked pairs of sections of two courses (those left for
 * the builder to place, so that given periods never clash); lunch periods on some days. The
 * result still imports: every team has students, a length fits the day.
 */
export function withV11(school: SchoolProblem, seed: number): SchoolProblem {
  let state = (seed * 2246822519) >>> 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: SchoolProblem = structuredClone(school);
  const { periods } = out.school;
  // Teams: each student in A, B or none; a third of the courses get a team section or two.
  for (const student of out.students) {
    const r = rand();
    student.teamId = r < 0.35 ? "A" : r < 0.7 ? "B" : undefined;
  }
  for (const course of out.courses) {
    if (rand() > 0.35) continue;
    for (const section of out.sections) {
      if (section.courseId === course.courseId && section.setting === "general" && rand() < 0.5)
        section.teamId = rand() < 0.5 ? "A" : "B";
    }
  }
  // Double periods and links: taken out of their period (and room) for the builder.
  for (const section of out.sections) {
    if (periods >= 3 && rand() < 0.08) {
      section.length = 2;
      section.period = undefined;
      section.roomId = undefined;
    }
  }
  const linkable = out.sections.filter((s) => s.setting === "general" && !s.teamId);
  for (let k = 0; k + 1 < linkable.length; k += 2) {
    const [a, b] = [linkable[k], linkable[k + 1]];
    if (a.courseId === b.courseId || rand() > 0.15) continue;
    a.linkId = b.linkId = `L${k}`;
    b.period = undefined;
    b.roomId = undefined;
  }
  if (rand() < 0.5 && periods >= 4) {
    const first = 2 + Math.floor(rand() * (periods - 2));
    out.school.lunchPeriods = rand() < 0.5 ? [first] : [first - 1, first];
  }
  return out;
}
