/**
 * `mse scenario`: master-schedule scenarios in the store, from the command line. The same
 * operations as the API's (src/scenario), the loads made on this thread. An edit is made on
 * the scenario's version as read just before it (or --at-version N, refused if it moved on).
 */
import { InvalidArgumentError, type Command } from "commander";
import { compareScenario } from "../../scenario/compare-scenarios.ts";
import { editScenario, undoScenario } from "../../scenario/edit-scenario.ts";
import { scenarioEditSchema, type ScenarioEdit } from "../../scenario/edits.ts";
import { openScenario } from "../../scenario/open-scenario.ts";
import { promoteScenario } from "../../scenario/promote-scenario.ts";
import { rebuildScenario } from "../../scenario/rebuild-scenario.ts";
import { scenarioWhatIf, type ScenarioWhatIf } from "../../scenario/scenario-what-if.ts";
import { suggestPeriods } from "../../scenario/suggestions.ts";
import { loadInline } from "../../scenario/loaders.ts";
import {
  getScenario,
  listScenarios,
  scenarioHistory,
  dropScenario,
  UnknownScenarioError,
  type ScenarioRecord,
  type Store,
} from "../../store/index.ts";
import { parseNonNegativeInt, parsePositiveInt } from "../option-parsers.ts";
import { DB_HELP } from "../db-help.ts";
import { withStore } from "../with-store.ts";
import { userInfo } from "node:os";

const withExistingStore = <T>(db: string | undefined, work: (store: Store) => Promise<T>) =>
  withStore(db, work, { mustExist: true });

async function scenarioById(store: Store, id: number): Promise<ScenarioRecord> {
  const scenario = await getScenario(store, id);
  if (!scenario) throw new UnknownScenarioError(id);
  return scenario;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The what-if as a few lines a counselor reads: the stable one (who the edits move), then the full re-run's figures. */
export function formatWhatIf({ whatIf, stable, version, timings }: ScenarioWhatIf): string[] {
  const { delta } = stable;
  const ids = (list: string[]) =>
    list.length > 0 ? ` (${list.slice(0, 10).join(", ")}${list.length > 10 ? ", ..." : ""})` : "";
  return [
    `what-if at version ${version} (${Math.round(timings.total)} ms), against the starting master schedule:`,
    `  primary requests met ${stable.now.primaryMet} of ${stable.now.primaryRequests} (${signed(delta.primaryMet)})`,
    ...delta.byPriority.filter((t) => t.met !== 0).map((t) => `    priority ${t.priority}: ${signed(t.met)}`),
    `  full schedules ${stable.now.fullSchedules} (${signed(delta.fullSchedules)}); students with nothing ${stable.now.studentsWithNothing} (${signed(delta.studentsWithNothing)})`,
    `  students whose schedule changes: ${stable.changedStudents.count}${ids(stable.changedStudents.studentIds)}`,
    `  newly unmet: ${stable.newlyUnmet.length}; newly met: ${stable.newlyMet.length}`,
    ...stable.newlyUnmet
      .slice(0, 20)
      .map((u) => `    ${u.studentId} ${u.courseId} (priority ${u.priority}): ${u.reason}`),
    ...stable.sections
      .filter((s) => s.state !== "ok")
      .slice(0, 20)
      .map((s) => `  section ${s.sectionId}: ${s.before} -> ${s.after} of ${s.capacity} (${s.state})`),
    ...stable.moveCosts.map(
      (m) =>
        `  moved ${m.sectionId} ${m.from ?? "-"} -> ${m.to ?? "-"}: ${m.studentsInConflictBefore} -> ${m.studentsInConflictAfter} students in conflict by the matrix, ${m.studentsBlockedBefore} -> ${m.studentsBlockedAfter} blocked (a course meeting only then)`,
    ),
    `  a full quick re-run: primary met ${whatIf.now.primaryMet} (${signed(whatIf.delta.primaryMet)}), full schedules ${whatIf.now.fullSchedules} (${signed(whatIf.delta.fullSchedules)})`,
  ];
}

interface EditOptions {
  move?: string;
  period?: number;
  teacher?: string;
  coTeacher?: string;
  room?: string;
  swap?: string;
  with?: string;
  lock?: string;
  unlock?: string;
  capacity?: string;
  close?: string;
  add?: string;
  undo?: boolean;
  rebuild?: boolean;
  atVersion?: number;
  author: string;
  db?: string;
}

/** The one edit the options ask for. */
export function editFromOptions(o: EditOptions): ScenarioEdit | "undo" | "rebuild" {
  const asked = [
    o.move,
    o.swap,
    o.lock,
    o.unlock,
    o.capacity,
    o.close,
    o.add,
    o.undo || undefined,
    o.rebuild || undefined,
  ].filter((v) => v !== undefined);
  if (asked.length !== 1)
    throw new InvalidArgumentError(
      "give exactly one of --move, --swap, --lock, --unlock, --capacity, --close, --add, --undo, --rebuild",
    );
  if (o.undo) return "undo";
  if (o.rebuild) return "rebuild";
  let edit: unknown;
  if (o.move !== undefined)
    edit = {
      kind: "move",
      sectionId: o.move,
      period: o.period,
      teacherId: o.teacher,
      coTeacherId: o.coTeacher,
      roomId: o.room,
    };
  else if (o.swap !== undefined) edit = { kind: "swap", sectionId: o.swap, otherSectionId: o.with };
  else if (o.lock !== undefined || o.unlock !== undefined)
    edit = { kind: "lock", sectionId: o.lock ?? o.unlock, locked: o.lock !== undefined };
  else if (o.close !== undefined) edit = { kind: "close", sectionId: o.close };
  else if (o.capacity !== undefined) {
    const at = o.capacity.lastIndexOf("=");
    edit = { kind: "capacity", sectionId: o.capacity.slice(0, at), capacity: Number(o.capacity.slice(at + 1)) };
  } else {
    try {
      edit = { kind: "add", section: JSON.parse(o.add!) };
    } catch {
      throw new InvalidArgumentError(
        '--add takes the section as JSON: {"sectionId":...,"courseId":...,"capacity":...,"period":...,"teacherId":...,"roomId":...}',
      );
    }
  }
  const parsed = scenarioEditSchema.safeParse(JSON.parse(JSON.stringify(edit)));
  if (!parsed.success)
    throw new InvalidArgumentError(
      parsed.error.issues.map((i) => `${i.path.join(".") || "edit"}: ${i.message}`).join("; "),
    );
  return parsed.data;
}

/** `mse scenario`: make, edit, compare, promote and drop master-schedule scenarios. */
export function registerScenario(program: Command): void {
  const scenario = program
    .command("scenario")
    .description(
      "master-schedule scenarios: a working copy of a school's master schedule to edit, see the effect, compare and promote",
    );
  const defaultAuthor = (() => {
    try {
      return userInfo().username;
    } catch {
      return "cli";
    }
  })();

  scenario
    .command("create")
    .description("make a scenario of the school's live master schedule")
    .requiredOption("--school <id>", "the school")
    .requiredOption("--name <name>", "its name, unique within the school")
    .option("--seed <n>", "seed of every what-if", parseNonNegativeInt, 1)
    .option("--author <name>", "who makes it", defaultAuthor)
    .option("--db <url>", DB_HELP)
    .action(async (o: { school: string; name: string; seed: number; author: string; db?: string }) => {
      const made = await withExistingStore(o.db, (store) =>
        openScenario(store, o.school, { name: o.name, author: o.author, seed: o.seed }),
      );
      console.log(
        `scenario ${made.scenarioId} "${made.name}" of ${made.schoolId}: ${made.sections.length} sections from live run ${made.baseRunId}`,
      );
    });

  scenario
    .command("list")
    .description("the school's scenarios")
    .requiredOption("--school <id>", "the school")
    .option("--db <url>", DB_HELP)
    .action(async (o: { school: string; db?: string }) => {
      for (const s of await withExistingStore(o.db, (store) => listScenarios(store, o.school))) {
        console.log(
          `${s.scenarioId}\t${s.name}\tversion ${s.version}\t${s.status}\tby ${s.author}\t${s.updatedAt.toISOString()}`,
        );
      }
    });

  scenario
    .command("show")
    .description("a scenario: its history, the sections it changed, and its what-if")
    .argument("<id>", "the scenario", parsePositiveInt)
    .option("--sections", "list every section of its master schedule")
    .option("--db <url>", DB_HELP)
    .action(async (id: number, o: { sections?: boolean; db?: string }) => {
      await withExistingStore(o.db, async (store) => {
        const s = await scenarioById(store, id);
        console.log(
          `scenario ${s.scenarioId} "${s.name}" of ${s.schoolId}, by ${s.author}: version ${s.version}, ${s.status}${s.promotedRunId ? ` (run ${s.promotedRunId})` : ""}`,
        );
        for (const h of await scenarioHistory(store, id))
          console.log(
            `  ${h.version}. ${h.author}: ${JSON.stringify(h.edit)}${h.undoneBy ? ` (undone by ${h.undoneBy})` : ""}`,
          );
        const start = new Map(s.startSections.map((x) => [x.sectionId, JSON.stringify(x)]));
        for (const x of s.sections) {
          if (!o.sections && start.get(x.sectionId) === JSON.stringify(x)) continue;
          console.log(
            `  ${x.sectionId}\t${x.courseId}\tperiod ${x.period ?? "-"}\t${x.teacherId ?? "-"}${x.coTeacherId ? `+${x.coTeacherId}` : ""}\t${x.roomId ?? "-"}\tcap ${x.capacity}${x.locked ? "\tlocked" : ""}${x.closed ? "\tclosed" : ""}`,
          );
        }
        for (const line of formatWhatIf(await scenarioWhatIf(store, s, loadInline))) console.log(line);
      });
    });

  scenario
    .command("edit")
    .description("edit a scenario (one edit per call), then print its what-if")
    .argument("<id>", "the scenario", parsePositiveInt)
    .option("--move <section>", "move a section: with --period, --teacher, --co-teacher and/or --room")
    .option("--period <n>", "the period to move it to", parsePositiveInt)
    .option("--teacher <id>")
    .option("--co-teacher <id>")
    .option("--room <id>")
    .option("--swap <section>", "swap the periods of a section --with another")
    .option("--with <section>")
    .option("--lock <section>")
    .option("--unlock <section>")
    .option("--capacity <section=n>", "change a section's capacity")
    .option("--close <section>", "close a section")
    .option("--add <json>", 'add a section: {"sectionId","courseId","capacity","period","teacherId","roomId",...}')
    .option("--undo", "take back the latest edit")
    .option("--rebuild", "the builder places again every section not locked")
    .option(
      "--at-version <n>",
      "the version the edit is made on (default: the scenario's as read now)",
      parseNonNegativeInt,
    )
    .option("--author <name>", "who edits", defaultAuthor)
    .option("--db <url>", DB_HELP)
    .action(async (id: number, o: EditOptions) => {
      const edit = editFromOptions(o);
      await withExistingStore(o.db, async (store) => {
        const s = await scenarioById(store, id);
        const version = o.atVersion ?? s.version;
        let after: ScenarioRecord;
        if (edit === "undo") {
          const undone = await undoScenario(store, s, version, o.author);
          console.log(`undid version ${undone.undid}`);
          after = undone.scenario;
        } else if (edit === "rebuild") {
          const rebuilt = await rebuildScenario(store, s, version, o.author, loadInline);
          console.log(
            `rebuilt: ${rebuilt.moved} section(s) in another period${rebuilt.unplaced.length ? `; not placed: ${rebuilt.unplaced.join(", ")}` : ""}`,
          );
          after = rebuilt.scenario;
        } else {
          after = await editScenario(store, s, version, o.author, edit);
        }
        console.log(`scenario ${id} is at version ${after.version}`);
        for (const line of formatWhatIf(await scenarioWhatIf(store, after, loadInline))) console.log(line);
      });
    });

  scenario
    .command("suggest")
    .description("each period a section may move to, with the what-if of the move, best first")
    .argument("<id>", "the scenario", parsePositiveInt)
    .requiredOption("--section <id>", "the section")
    .option("--db <url>", DB_HELP)
    .action(async (id: number, o: { section: string; db?: string }) => {
      await withExistingStore(o.db, async (store) => {
        const result = await suggestPeriods(store, await scenarioById(store, id), o.section, loadInline);
        for (const s of result.suggestions) {
          const w = s.whatIf;
          console.log(
            `period ${s.period}${s.edit.roomId ? ` (room ${s.edit.roomId})` : ""}: primary met ${signed(w.delta.primaryMet)}, full schedules ${signed(w.delta.fullSchedules)}, ${w.changedStudents.count} student(s) change, ${s.studentsInConflict} in conflict by the matrix`,
          );
        }
        for (const r of result.refused) console.log(`period ${r.period}: not allowed: ${r.conflicts.join("; ")}`);
      });
    });

  scenario
    .command("diff")
    .description("compare a scenario with the live roster or another scenario")
    .argument("<id>", "the scenario", parsePositiveInt)
    .option("--against <live|id>", "live (default) or another scenario's ID", "live")
    .option("--db <url>", DB_HELP)
    .action(async (id: number, o: { against: string; db?: string }) => {
      if (o.against !== "live" && !/^[1-9]\d*$/.test(o.against))
        throw new InvalidArgumentError("--against takes live or a scenario ID");
      await withExistingStore(o.db, async (store) => {
        const s = await scenarioById(store, id);
        const other = o.against === "live" ? "live" : await scenarioById(store, Number(o.against));
        if (other !== "live" && other.schoolId !== s.schoolId)
          throw new InvalidArgumentError(`scenario ${other.scenarioId} is of another school`);
        const c = await compareScenario(store, s, other, loadInline);
        console.log(`\t${c.a.label}\t${c.b.label}`);
        for (const key of [
          "primaryMet",
          "fullSchedules",
          "alternatesUsed",
          "studentsWithNothing",
          "sectionsFull",
          "sectionsUnderHalf",
        ] as const) {
          console.log(`${key}\t${c.a.summary[key]}\t${c.b.summary[key]}`);
        }
        console.log(`students whose schedules differ: ${c.changedStudents.count}`);
        for (const d of c.sections)
          console.log(
            `  ${d.sectionId}: ${d.a ? `period ${d.a.period ?? "-"} ${d.a.roomId ?? ""}${d.a.closed ? " closed" : ""}` : "absent"} | ${d.b ? `period ${d.b.period ?? "-"} ${d.b.roomId ?? ""}${d.b.closed ? " closed" : ""}` : "absent"}`,
          );
      });
    });

  scenario
    .command("promote")
    .description("make the scenario the school's master schedule: a new problem version, a full run, published")
    .argument("<id>", "the scenario", parsePositiveInt)
    .option("--seed <n>", "seed of the full run (default: the scenario's)", parseNonNegativeInt)
    .option("--at-version <n>", "the version to promote (default: the scenario's as read now)", parseNonNegativeInt)
    .option("--db <url>", DB_HELP)
    .action(async (id: number, o: { seed?: number; atVersion?: number; db?: string }) => {
      const outcome = await withExistingStore(o.db, async (store) => {
        const s = await scenarioById(store, id);
        return promoteScenario(store, s.scenarioId, o.atVersion ?? s.version, { seed: o.seed });
      });
      console.log(
        `promoted scenario ${id}: problem version ${outcome.problemVersion}, run ${outcome.runId} published; primary requests met ${outcome.report.primaryMet} of ${outcome.report.primaryRequests}`,
      );
    });

  scenario
    .command("drop")
    .description("delete a scenario and its history")
    .argument("<id>", "the scenario", parsePositiveInt)
    .option("--db <url>", DB_HELP)
    .action(async (id: number, o: { db?: string }) => {
      const dropped = await withExistingStore(o.db, (store) => dropScenario(store, id));
      if (!dropped) throw new UnknownScenarioError(id);
      console.log(`dropped scenario ${id}`);
    });
}
