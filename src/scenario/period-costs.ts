/**
 * The cheap view of where a section could go, for a board where a counselor drags it: for
 * each period, whether the move is allowed (and if not, the conflicts that forbid it) and what
 * the conflict matrix says it costs: the students who request the section's course and also a
 * course already meeting in that period. No student is loaded: this answers in milliseconds,
 * the what-if (what-if.ts) then says what the move really does.
 */
import type { SchoolProblem } from "../domain/problem.ts";
import type { ScenarioSection } from "../domain/scenario.ts";
import { applyEdit, EditRefusedError, type ScenarioEdit } from "./edits.ts";

export interface PeriodCost {
  period: number;
  /** The section meets in this period now. */
  current: boolean;
  /** Moving the section here breaks no hard constraint. */
  allowed: boolean;
  /** The room to move it to with it, when its own room is taken in this period and another is free (the smallest that seats the section). */
  roomId?: string;
  /** Why not, when not allowed: each conflict named. */
  conflicts: string[];
  /** Students requesting the section's course and a course with another section meeting in this period. */
  studentsInConflict: number;
  /** Of those, students requesting a course that meets only in this period: they cannot have both. */
  studentsBlocked: number;
}

/** For each course, the other primary courses of each student requesting it: computed once per problem (a 3,000-student school has about 30,000 requests). */
const coRequestsByCourse = new WeakMap<SchoolProblem, Map<string, string[][]>>();

/** Students requesting the course (primary requests): each one's primary courses (the course itself among them). */
function coRequests(problem: SchoolProblem, courseId: string): string[][] {
  let byCourse = coRequestsByCourse.get(problem);
  if (!byCourse) {
    const byStudent = new Map<string, string[]>();
    for (const r of problem.requests) {
      if (r.alternateFor !== undefined) continue;
      let list = byStudent.get(r.studentId);
      if (!list) byStudent.set(r.studentId, (list = []));
      if (!list.includes(r.courseId)) list.push(r.courseId);
    }
    byCourse = new Map();
    for (const courses of byStudent.values()) {
      for (const course of courses) {
        let lists = byCourse.get(course);
        if (!lists) byCourse.set(course, (lists = []));
        lists.push(courses);
      }
    }
    coRequestsByCourse.set(problem, byCourse);
  }
  return byCourse.get(courseId) ?? [];
}

/** For every course, the periods its open sections meet in; once per master schedule (scenario sections are never changed in place). */
const periodsByCourse = new WeakMap<readonly ScenarioSection[], Map<string, Set<number>>>();

function coursePeriods(sections: readonly ScenarioSection[]): Map<string, Set<number>> {
  let periods = periodsByCourse.get(sections);
  if (periods) return periods;
  periods = new Map();
  for (const s of sections) {
    if (s.closed || s.period === undefined) continue;
    let set = periods.get(s.courseId);
    if (!set) periods.set(s.courseId, (set = new Set()));
    set.add(s.period);
  }
  periodsByCourse.set(sections, periods);
  return periods;
}

/** The conflict-matrix cost of the section meeting in each period of the school. */
export function conflictCosts(
  problem: SchoolProblem,
  sections: readonly ScenarioSection[],
  sectionId: string,
): { studentsInConflict: number[]; studentsBlocked: number[] } {
  const section = sections.find((s) => s.sectionId === sectionId);
  const n = problem.school.periods;
  const inConflict = new Array<number>(n + 1).fill(0);
  const blocked = new Array<number>(n + 1).fill(0);
  if (!section) return { studentsInConflict: inConflict, studentsBlocked: blocked };
  // Only the other courses count, so the section's own placement never enters its cost.
  const periods = coursePeriods(sections);
  // Per student, a period is counted once: marked with the student's number instead of a fresh set each.
  const hitBy = new Int32Array(n + 1).fill(-1);
  const onlyBy = new Int32Array(n + 1).fill(-1);
  coRequests(problem, section.courseId).forEach((courses, student) => {
    for (const course of courses) {
      if (course === section.courseId) continue;
      const set = periods.get(course);
      if (!set) continue;
      for (const p of set) {
        if (p > n || hitBy[p] === student) continue;
        hitBy[p] = student;
        inConflict[p]!++;
      }
      if (set.size === 1) {
        const [p] = set;
        if (p! <= n && onlyBy[p!] !== student) {
          onlyBy[p!] = student;
          blocked[p!]!++;
        }
      }
    }
  });
  return { studentsInConflict: inConflict, studentsBlocked: blocked };
}

/** Why the edit is refused ([] when it is allowed). */
function refusals(problem: SchoolProblem, sections: readonly ScenarioSection[], edit: ScenarioEdit): string[] {
  try {
    applyEdit(problem, sections, edit);
    return [];
  } catch (error) {
    if (error instanceof EditRefusedError) return error.reasons;
    throw error;
  }
}

/** The smallest room that seats the section (else the largest) with no open section in `period` in a term the section shares. */
function freeRoom(
  problem: SchoolProblem,
  sections: readonly ScenarioSection[],
  section: ScenarioSection,
  period: number,
): string | undefined {
  const taken = new Set<string>();
  for (const s of sections) {
    if (s.closed || s.period !== period || s.roomId === undefined || s.sectionId === section.sectionId) continue;
    if (s.terms.some((t) => section.terms.includes(t))) taken.add(s.roomId);
  }
  const free = problem.rooms.filter((r) => !taken.has(r.roomId)).sort((a, b) => a.capacity - b.capacity);
  return (free.find((r) => r.capacity >= section.capacity) ?? free.at(-1))?.roomId;
}

/** Every period of the school for the section: allowed or not (and why), and its conflict-matrix cost. */
export function periodCosts(
  problem: SchoolProblem,
  sections: readonly ScenarioSection[],
  sectionId: string,
): PeriodCost[] {
  const section = sections.find((s) => s.sectionId === sectionId);
  if (!section) throw new EditRefusedError([`the scenario has no section ${JSON.stringify(sectionId)}`]);
  const { studentsInConflict, studentsBlocked } = conflictCosts(problem, sections, sectionId);
  const costs: PeriodCost[] = [];
  for (let period = 1; period <= problem.school.periods; period++) {
    const current = section.period === period && !section.closed;
    let conflicts = current ? [] : refusals(problem, sections, { kind: "move", sectionId, period });
    let roomId: string | undefined;
    if (conflicts.length > 0 && conflicts.every((c) => c.startsWith("room "))) {
      // Only its room is taken then: another room free in that period makes the move.
      const free = freeRoom(problem, sections, section, period);
      if (
        free !== undefined &&
        refusals(problem, sections, { kind: "move", sectionId, period, roomId: free }).length === 0
      ) {
        conflicts = [];
        roomId = free;
      }
    }
    costs.push({
      period,
      current,
      allowed: conflicts.length === 0,
      ...(roomId === undefined ? {} : { roomId }),
      conflicts,
      studentsInConflict: studentsInConflict[period]!,
      studentsBlocked: studentsBlocked[period]!,
    });
  }
  return costs;
}
