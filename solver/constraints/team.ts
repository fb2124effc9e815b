/**
 * Hard constraint 11 (interchange v1.1), the one home of teams in the solver: a section with a
 * team_id holds only students of that team, and a student of a team takes a course the team
 * has sections of only in those sections. Both halves are static, so the rule lives in the
 * eligibility lists the instance compiler builds: every loader, the exact model, the LP and
 * the bounds then honour it without knowing it. What else needs teams: the unmet reason
 * (team_full) and the builder's per-team conflict matrix (conflictTeamOf).
 */
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { reasonCode } from "../instance/reason-codes.ts";

/** The team tables of an instance: dense team numbers, -1 for none. */
export interface TeamTables {
  nTeams: number;
  studentTeam: Int32Array;
  secTeam: Int32Array;
  /** 1 at course * nTeams + team when the team has a section of the course (placed or not). */
  teamHasCourse: Uint8Array;
}

/** Numbers the school's teams and marks the courses each has sections of. */
export function compileTeams(
  problem: SchoolProblem,
  studentIndex: Map<string, number>,
  courseIndex: Map<string, number>,
): TeamTables {
  const teamIndex = new Map<string, number>();
  const team = (id: string | undefined): number => {
    if (id === undefined) return -1;
    let t = teamIndex.get(id);
    if (t === undefined) teamIndex.set(id, (t = teamIndex.size));
    return t;
  };
  const studentTeam = new Int32Array(studentIndex.size).fill(-1);
  for (const student of problem.students) {
    const i = studentIndex.get(student.studentId);
    if (i !== undefined && student.teamId !== undefined && studentTeam[i] < 0) studentTeam[i] = team(student.teamId);
  }
  const secTeam = Int32Array.from(problem.sections, (section) => team(section.teamId));
  const nTeams = teamIndex.size;
  const teamHasCourse = new Uint8Array(courseIndex.size * nTeams);
  problem.sections.forEach((section, s) => {
    const c = courseIndex.get(section.courseId);
    if (c !== undefined && secTeam[s] >= 0) teamHasCourse[c * nTeams + secTeam[s]] = 1;
  });
  return { nTeams, studentTeam, secTeam, teamHasCourse };
}

/**
 * The team a student of team `team` must find in a section of course c: their own when the
 * team has sections of c, else none (-1): the eligibility test is secTeam[s] === teamFor(...).
 */
export function teamFor(tables: Pick<TeamTables, "nTeams" | "teamHasCourse">, c: number, team: number): number {
  return team >= 0 && tables.teamHasCourse[c * tables.nTeams + team] === 1 ? team : -1;
}

/** Unmet because every section of the student's team that fits is full. */
export const R_TEAM_FULL = reasonCode("team_full");
