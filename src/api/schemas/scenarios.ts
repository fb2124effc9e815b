/** Master-schedule scenarios: their bodies and the views a page renders (the master board, the what-if, a comparison). */
import { z } from "zod";
import { SETTINGS } from "../../domain/problem.ts";
import { UNSCHEDULED_REASONS } from "../../domain/roster.ts";
import { scenarioEditSchema } from "../../scenario/edits.ts";
import { dateTime, idString, plainText, seedSchema } from "./common.ts";

export const scenarioParams = z.strictObject({
  schoolId: idString.meta({ description: "the school's school_id" }),
  scenarioId: z.coerce.number().int().min(1).meta({ description: "a scenario of the school" }),
});

export const scenarioSectionParams = scenarioParams.extend({
  sectionId: idString.meta({ description: "a section of the scenario" }),
});

const version = z.number().int().min(0).meta({
  description:
    "the scenario's version the change is made on (every edit and undo adds one): a change made on an older version is refused with 409 scenario_changed",
});

export const createScenarioBody = z.strictObject({
  name: plainText
    .min(1, "must not be empty")
    .max(200, "at most 200 characters")
    .meta({ description: "unique within the school" }),
  seed: seedSchema.default(1).meta({ description: "seed of every what-if of the scenario" }),
});

export const editScenarioBody = z.strictObject({ version, edit: scenarioEditSchema });
export const versionBody = z.strictObject({ version });
export const promoteScenarioBody = z.strictObject({
  version,
  seed: seedSchema.optional().meta({ description: "seed of the full run (default: the scenario's)" }),
});

export const whatIfQuery = z.strictObject({
  whatIf: z.enum(["full", "stable"]).default("full").meta({
    description:
      "`stable`: the stable what-if only (the board's choice: the full quick runs are most of an edit's round trip on a big school); `full`: both",
  }),
});

export const diffQuery = z.strictObject({
  against: z
    .string()
    .regex(/^(live|[1-9][0-9]{0,9})$/, "live or a scenario ID")
    .default("live")
    .meta({ description: "`live` (the live roster) or another scenario's ID" }),
});

const sectionSchema = z
  .object({
    sectionId: z.string(),
    courseId: z.string(),
    capacity: z.number().int(),
    period: z
      .number()
      .int()
      .optional()
      .meta({ description: "absent: the section could not be placed and holds nobody" }),
    teacherId: z.string().optional(),
    coTeacherId: z.string().optional(),
    roomId: z.string().optional(),
    terms: z.array(z.string()),
    setting: z.enum(SETTINGS),
    iepCapacity: z.number().int().optional(),
    locked: z.boolean(),
    closed: z.boolean().optional(),
  })
  .meta({ id: "ScenarioSection", description: "a section of the scenario's master schedule" });

const summaryFields = {
  scenarioId: z.number().int(),
  schoolId: z.string(),
  name: z.string(),
  author: z.string(),
  seed: z.number().int(),
  version: z.number().int(),
  status: z.enum(["open", "promoted"]),
  baseRunId: z.number().int().meta({ description: "the live run whose master schedule the scenario started from" }),
  baseProblemVersion: z.number().int(),
  promotedRunId: z.number().int().optional(),
  createdAt: dateTime,
  updatedAt: dateTime,
};

export const scenarioSummary = z.object(summaryFields).meta({ id: "ScenarioSummary" });
export const scenarioList = z.object({ schoolId: z.string(), scenarios: z.array(scenarioSummary) });

const editRecord = z.object({
  version: z.number().int(),
  author: z.string(),
  kind: z.string().meta({ description: "move, swap, lock, capacity, add, close, rebuild or undo" }),
  edit: z.unknown(),
  undoneBy: z.number().int().optional().meta({ description: "the version of the undo that took it back" }),
  createdAt: dateTime,
});

export const scenarioView = z
  .object({ ...summaryFields, sections: z.array(sectionSchema), history: z.array(editRecord) })
  .meta({ id: "Scenario", description: "a scenario with its master schedule and its history" });

const loadSummary = z
  .object({
    students: z.number().int(),
    primaryRequests: z.number().int(),
    primaryMet: z.number().int(),
    byPriority: z.array(z.object({ priority: z.number().int(), requested: z.number().int(), met: z.number().int() })),
    alternatesUsed: z.number().int(),
    fullSchedules: z.number().int(),
    studentsWithNothing: z.number().int(),
    unscheduledByReason: z.record(z.string(), z.number().int()),
    sectionFill: z.number(),
    sectionsFull: z.number().int(),
    sectionsUnderHalf: z.number().int(),
  })
  .meta({ id: "LoadSummary" });

const whatIfDelta = {
  delta: z.object({
    primaryMet: z.number().int(),
    fullSchedules: z.number().int(),
    alternatesUsed: z.number().int(),
    studentsWithNothing: z.number().int(),
    byPriority: z.array(z.object({ priority: z.number().int(), met: z.number().int() })),
  }),
  changedStudents: z
    .object({ count: z.number().int(), studentIds: z.array(z.string()) })
    .meta({ description: "students whose sections differ" }),
  newlyUnmet: z.array(
    z.object({
      studentId: z.string(),
      courseId: z.string(),
      priority: z.number().int(),
      reason: z.enum(UNSCHEDULED_REASONS),
    }),
  ),
  newlyMet: z.array(z.object({ studentId: z.string(), courseId: z.string(), priority: z.number().int() })),
  sections: z
    .array(
      z.object({
        sectionId: z.string(),
        courseId: z.string(),
        period: z.number().int().optional(),
        capacity: z.number().int(),
        before: z.number().int(),
        after: z.number().int(),
        state: z
          .enum(["full", "under", "ok", "closed"])
          .meta({ description: "full: no seat left; under: less than half full" }),
        added: z.boolean().optional(),
      }),
    )
    .meta({ description: "sections whose enrollment, capacity or state changed" }),
  moveCosts: z
    .array(
      z.object({
        sectionId: z.string(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        studentsInConflictBefore: z.number().int(),
        studentsInConflictAfter: z.number().int(),
        studentsBlockedBefore: z
          .number()
          .int()
          .meta({ description: "students requesting a course that meets only in the section's period" }),
        studentsBlockedAfter: z.number().int(),
      }),
    )
    .meta({
      description:
        "the conflict matrix's cost of each section meeting in another period: students requesting its course and a course meeting then",
    }),
};

export const whatIfView = z
  .object({
    scenarioId: z.number().int(),
    version: z.number().int(),
    seed: z.number().int(),
    problemVersion: z.number().int(),
    whatIf: z
      .object({ start: loadSummary, now: loadSummary, ...whatIfDelta })
      .optional()
      .meta({
        description:
          "a full quick run of the edited problem against the same run of the scenario's starting point (a re-run reshuffles most students: see stable for who an edit moves); absent when asked for with whatIf=stable",
      }),
    liveRunId: z.number().int(),
    stable: z.object({ start: loadSummary, now: loadSummary, ...whatIfDelta }).meta({
      description:
        "the edited master schedule reached from the live roster keeping every seat that still fits (students of a moved section get a new schedule), against the starting master schedule reached alike: the students the edits move",
    }),
    timings: z.object({ read: z.number(), load: z.number(), compare: z.number(), total: z.number() }),
  })
  .meta({
    id: "WhatIf",
    description: "the school loaded (quick) on the scenario's master schedule, against its starting point",
  });

export const editReply = z.object({
  scenarioId: z.number().int(),
  version: z.number().int(),
  changed: z.array(sectionSchema).meta({ description: "the sections the change touched, as they are now" }),
  removed: z.array(z.string()).optional().meta({ description: "undo: sections the undone edit had added" }),
  undid: z.number().int().optional().meta({ description: "undo: the version of the edit taken back" }),
  moved: z.number().int().optional().meta({ description: "rebuild: sections placed in another period" }),
  unplaced: z.array(z.string()).optional().meta({ description: "rebuild: sections the builder could not place" }),
  whatIf: whatIfView,
});

export const previewReply = z
  .object({
    scenarioId: z.number().int(),
    version: z.number().int().meta({ description: "the version previewed: commit the edit on this one" }),
    edit: z.unknown().meta({ description: "the edit previewed, as it would be saved" }),
    changed: z.array(sectionSchema).meta({ description: "the sections the edit would change, as they would be" }),
    stable: z.object({ start: loadSummary, now: loadSummary, ...whatIfDelta }).meta({
      description:
        "the scenario with the edit against the scenario as it is, both reached from the live roster keeping every seat that still fits: the students the edit would move",
    }),
    timings: z.object({ load: z.number(), total: z.number() }),
  })
  .meta({ id: "EditPreview", description: "an edit's what-if before it is made: nothing saved" });

export const periodCostsView = z
  .object({
    sectionId: z.string(),
    version: z.number().int(),
    periods: z.array(
      z.object({
        period: z.number().int(),
        current: z.boolean(),
        allowed: z.boolean(),
        roomId: z.string().optional().meta({ description: "the free room to move it to, when its own is taken then" }),
        conflicts: z.array(z.string()).meta({ description: "why not, when not allowed" }),
        studentsInConflict: z.number().int(),
        studentsBlocked: z
          .number()
          .int()
          .meta({ description: "students requesting a course that meets only in that period" }),
      }),
    ),
  })
  .meta({
    id: "PeriodCosts",
    description:
      "for a dragged section: each period, allowed or not, and the conflict matrix's cost (no load: milliseconds)",
  });

export const suggestionsView = z
  .object({
    sectionId: z.string(),
    version: z.number().int(),
    currentPeriod: z.number().int().optional(),
    suggestions: z.array(
      z.object({
        period: z.number().int(),
        edit: z.object({
          kind: z.literal("move"),
          sectionId: z.string(),
          period: z.number().int(),
          roomId: z.string().optional(),
        }),
        studentsInConflict: z.number().int(),
        studentsBlocked: z.number().int(),
        whatIf: z.object(whatIfDelta),
      }),
    ),
    refused: z.array(z.object({ period: z.number().int(), conflicts: z.array(z.string()) })),
  })
  .meta({
    id: "Suggestions",
    description: "each period the section may move to with the what-if of the move, best first",
  });

const placementView = z.object({
  sectionId: z.string(),
  capacity: z.number().int(),
  period: z.number().int().optional(),
  teacherId: z.string().optional(),
  coTeacherId: z.string().optional(),
  roomId: z.string().optional(),
  closed: z.boolean().optional(),
});

export const comparisonView = z
  .object({
    a: z.object({ label: z.string(), summary: loadSummary }),
    b: z.object({ label: z.string(), summary: loadSummary }),
    sections: z.array(z.object({ sectionId: z.string(), a: placementView.optional(), b: placementView.optional() })),
    changedStudents: z.object({ count: z.number().int(), studentIds: z.array(z.string()) }),
  })
  .meta({ id: "ScenarioComparison" });

export const droppedReply = z.object({ scenarioId: z.number().int(), dropped: z.literal(true) });
