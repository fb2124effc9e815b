/**
 * The edits a counselor makes to a scenario's master schedule, and what each does. Every edit
 * is refused, naming why, if it touches what it may not (a locked section, a closed one, a
 * section a student's request is locked to) or if the master schedule it leaves breaks a hard
 * constraint that the one before did not (schedule-conflicts.ts): a scenario is never an
 * invalid master schedule, and a refused edit changes nothing.
 */
import { z } from "zod";
import { SETTINGS, type SchoolProblem } from "../domain/problem.ts";
import { CONTROL_CHARACTER } from "../domain/plain-text.ts";
import type { ScenarioSection, SectionsBefore } from "../domain/scenario.ts";
import { newConflicts } from "./schedule-conflicts.ts";

const id = z
  .string()
  .min(1, "must not be empty")
  .max(200, "at most 200 characters")
  .refine((text) => !CONTROL_CHARACTER.test(text), "must not hold control characters");
const period = z.number().int().min(1).max(64);
const capacity = z.number().int().min(1).max(10_000);

/** Every kind of edit, as the API and the CLI take it. */
export const scenarioEditSchema = z.discriminatedUnion("kind", [
  z
    .strictObject({
      kind: z.literal("move"),
      sectionId: id,
      period: period.optional(),
      teacherId: id.optional(),
      coTeacherId: id.optional(),
      roomId: id.optional(),
    })
    .meta({ description: "move a section to another period, teacher, co-teacher or room (what is left out stays)" }),
  z
    .strictObject({ kind: z.literal("swap"), sectionId: id, otherSectionId: id })
    .meta({ description: "swap the periods of two sections (teachers and rooms stay with their sections)" }),
  z.strictObject({ kind: z.literal("lock"), sectionId: id, locked: z.boolean() }).meta({
    description: "lock (period, teacher and room may not move, nor may a rebuild move them) or unlock a section",
  }),
  z
    .strictObject({
      kind: z.literal("capacity"),
      sectionId: id,
      capacity,
      iepCapacity: z.number().int().min(0).max(10_000).optional(),
    })
    .meta({ description: "change a section's capacity (and IEP capacity)" }),
  z
    .strictObject({
      kind: z.literal("add"),
      section: z.strictObject({
        sectionId: id,
        courseId: id,
        capacity,
        period,
        teacherId: id.optional(),
        coTeacherId: id.optional(),
        roomId: id.optional(),
        terms: z.array(id).min(1).optional().meta({ description: "default: all of the school's terms" }),
        setting: z.enum(SETTINGS).default("general"),
        iepCapacity: z.number().int().min(0).max(10_000).optional(),
        locked: z.boolean().default(false),
      }),
    })
    .meta({ description: "add a section of a course" }),
  z
    .strictObject({ kind: z.literal("close"), sectionId: id })
    .meta({ description: "close a section: nobody may sit in it" }),
]);

export type ScenarioEdit = z.output<typeof scenarioEditSchema>;

/** An edit that would break a rule: the reasons, each naming the conflict. Nothing was changed. */
export class EditRefusedError extends Error {
  constructor(readonly reasons: string[]) {
    super(`the edit was refused: ${reasons.join("; ")}`);
    this.name = "EditRefusedError";
  }
}

/** What an allowed edit gives: the new sections, those it changed as they were, and the sections it moved in time. */
export interface AppliedEdit {
  sections: ScenarioSection[];
  before: SectionsBefore[];
}

/** Applies the edit to the scenario's sections, or throws EditRefusedError naming every reason. */
export function applyEdit(
  problem: SchoolProblem,
  sections: readonly ScenarioSection[],
  edit: ScenarioEdit,
): AppliedEdit {
  const bySection = new Map(sections.map((s) => [s.sectionId, s]));
  const changed = new Map<string, ScenarioSection | null>();
  const reasons: string[] = [];
  const existing = (sectionId: string, doing: string): ScenarioSection | undefined => {
    const section = bySection.get(sectionId);
    if (!section) reasons.push(`the scenario has no section ${JSON.stringify(sectionId)}`);
    else if (section.closed) reasons.push(`section ${sectionId} is closed: undo its closing first`);
    else if (section.locked && doing !== "")
      reasons.push(`section ${sectionId} is locked: unlock it before you ${doing} it`);
    else return section;
    return undefined;
  };
  const put = (next: ScenarioSection) => {
    if (!changed.has(next.sectionId)) changed.set(next.sectionId, bySection.get(next.sectionId) ?? null);
    bySection.set(next.sectionId, next);
  };
  switch (edit.kind) {
    case "move": {
      const section = existing(edit.sectionId, "move");
      if (section) {
        if (
          edit.period === undefined &&
          edit.teacherId === undefined &&
          edit.coTeacherId === undefined &&
          edit.roomId === undefined
        ) {
          reasons.push("a move names at least one of period, teacherId, coTeacherId, roomId");
        }
        put({
          ...section,
          ...(edit.period === undefined ? {} : { period: edit.period }),
          ...(edit.teacherId === undefined ? {} : { teacherId: edit.teacherId }),
          ...(edit.coTeacherId === undefined ? {} : { coTeacherId: edit.coTeacherId }),
          ...(edit.roomId === undefined ? {} : { roomId: edit.roomId }),
        });
      }
      break;
    }
    case "swap": {
      const a = existing(edit.sectionId, "swap");
      const b = existing(edit.otherSectionId, "swap");
      if (edit.sectionId === edit.otherSectionId) reasons.push("a swap names two different sections");
      else if (a && b) {
        if (a.period === b.period)
          reasons.push(`sections ${a.sectionId} and ${b.sectionId} already meet in the same period`);
        put(withPeriod(a, b.period));
        put(withPeriod(b, a.period));
      }
      break;
    }
    case "lock": {
      const section = existing(edit.sectionId, "");
      if (section) put({ ...section, locked: edit.locked });
      break;
    }
    case "capacity": {
      const section = existing(edit.sectionId, "");
      if (section)
        put({
          ...section,
          capacity: edit.capacity,
          ...(edit.iepCapacity === undefined ? {} : { iepCapacity: edit.iepCapacity }),
        });
      break;
    }
    case "add": {
      const s = edit.section;
      if (bySection.has(s.sectionId)) reasons.push(`the school already has a section ${JSON.stringify(s.sectionId)}`);
      if (!problem.courses.some((c) => c.courseId === s.courseId))
        reasons.push(`the school has no course ${JSON.stringify(s.courseId)}`);
      const unknownTerms = (s.terms ?? []).filter((t) => !problem.school.terms.includes(t));
      if (unknownTerms.length > 0)
        reasons.push(`the school has no term ${unknownTerms.map((t) => JSON.stringify(t)).join(", ")}`);
      // A scenario's sections are placed whole: the what-if loads them as they are, it never builds.
      if (s.teacherId === undefined && problem.teachers.length > 0)
        reasons.push(`section ${s.sectionId} needs a teacher`);
      if (s.roomId === undefined && problem.rooms.length > 0) reasons.push(`section ${s.sectionId} needs a room`);
      if (s.setting === "co_taught" && s.coTeacherId === undefined)
        reasons.push(`co-taught section ${s.sectionId} needs a co-teacher`);
      if (reasons.length === 0) {
        const added: ScenarioSection = {
          schoolId: problem.school.schoolId,
          sectionId: s.sectionId,
          courseId: s.courseId,
          capacity: s.capacity,
          period: s.period,
          terms: s.terms ?? [...problem.school.terms],
          setting: s.setting,
          locked: s.locked,
          ...(s.teacherId === undefined ? {} : { teacherId: s.teacherId }),
          ...(s.coTeacherId === undefined ? {} : { coTeacherId: s.coTeacherId }),
          ...(s.roomId === undefined ? {} : { roomId: s.roomId }),
          ...(s.iepCapacity === undefined ? {} : { iepCapacity: s.iepCapacity }),
        };
        put(added);
      }
      break;
    }
    case "close": {
      const section = existing(edit.sectionId, "close");
      if (section) {
        const lockedTo = problem.requests.filter((r) => r.lockedSectionId === section.sectionId).length;
        if (lockedTo > 0)
          reasons.push(
            `section ${section.sectionId} is the locked section of ${lockedTo} student request(s): it cannot close`,
          );
        put({ ...section, closed: true });
      }
      break;
    }
  }
  if (reasons.length > 0) throw new EditRefusedError(reasons);
  const next = sections.map((s) => bySection.get(s.sectionId)!);
  for (const [sectionId, old] of changed) if (old === null) next.push(bySection.get(sectionId)!);
  const conflicts = newConflicts(problem, sections, next);
  if (conflicts.length > 0) throw new EditRefusedError(conflicts);
  return { sections: next, before: [...changed].map(([sectionId, section]) => ({ sectionId, section })) };
}

function withPeriod(section: ScenarioSection, p: number | undefined): ScenarioSection {
  const next = { ...section, period: p };
  if (p === undefined) delete next.period;
  return next;
}

/** The sections whose period the edit changes, with where they were and where they go (for the move's conflict-matrix cost). */
export function periodChanges(
  before: readonly SectionsBefore[],
  after: readonly ScenarioSection[],
): { sectionId: string; from?: number; to?: number }[] {
  const now = new Map(after.map((s) => [s.sectionId, s]));
  const moves: { sectionId: string; from?: number; to?: number }[] = [];
  for (const { sectionId, section } of before) {
    const next = now.get(sectionId);
    const from = section && !section.closed ? section.period : undefined;
    const to = next && !next.closed ? next.period : undefined;
    if (from !== to) moves.push({ sectionId, from, to });
  }
  return moves;
}
