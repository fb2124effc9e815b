/**
 * Master-schedule scenarios in the store: a named working copy of one school's master
 * schedule, its edits in order, and undo. Every change goes through changeScenario, which
 * takes the version the writer last saw: a writer holding an older version is refused
 * (ScenarioVersionError) instead of overwriting what another wrote meanwhile. What an edit
 * means and whether it is allowed is decided by the caller (src/scenario); the store only
 * keeps it, in one transaction with the new version.
 */
import type { ScenarioSection, SectionsBefore } from "../domain/scenario.ts";
import { execute, queryRows, takeWriteLock, timestampValue, toDate, toNumber } from "./sql.ts";
import type { Store, StoreTx } from "./store.ts";

export type ScenarioStatus = "open" | "promoted";

/** A scenario without its sections (what a list shows). */
export interface ScenarioSummary {
  scenarioId: number;
  schoolId: string;
  name: string;
  author: string;
  seed: number;
  version: number;
  baseProblemVersion: number;
  baseRunId: number;
  baseFingerprint: string;
  status: ScenarioStatus;
  promotedRunId?: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A scenario with its master schedule, as started and as edited. */
export interface ScenarioRecord extends ScenarioSummary {
  startSections: ScenarioSection[];
  sections: ScenarioSection[];
}

/** One entry of a scenario's history. */
export interface ScenarioEditRecord {
  /** The version this edit made. */
  version: number;
  author: string;
  kind: string;
  edit: unknown;
  before: SectionsBefore[];
  /** The version of the undo that took it back. */
  undoneBy?: number;
  createdAt: Date;
}

export interface NewScenario {
  schoolId: string;
  name: string;
  author: string;
  seed: number;
  baseProblemVersion: number;
  baseRunId: number;
  baseFingerprint: string;
  sections: ScenarioSection[];
}

/** What a change of a scenario writes: the new sections and the history entry. */
export interface ScenarioChange {
  kind: string;
  edit: unknown;
  sections: ScenarioSection[];
  before: SectionsBefore[];
}

/** The scenario was changed by someone else since the version the writer holds. */
export class ScenarioVersionError extends Error {
  constructor(
    readonly scenarioId: number,
    readonly expected: number,
    readonly current: number,
  ) {
    super(
      `scenario ${scenarioId} is at version ${current}, not ${expected}: someone else edited it meanwhile; read it again and redo the edit on it`,
    );
    this.name = "ScenarioVersionError";
  }
}

/** No scenario of this ID (or not of this school). */
export class UnknownScenarioError extends Error {
  constructor(readonly scenarioId: number) {
    super(`no scenario ${scenarioId}`);
    this.name = "UnknownScenarioError";
  }
}

/** The school already has a scenario of this name. */
export class ScenarioNameTakenError extends Error {
  constructor(
    readonly schoolId: string,
    readonly scenarioName: string,
  ) {
    super(`school ${JSON.stringify(schoolId)} already has a scenario named ${JSON.stringify(scenarioName)}`);
    this.name = "ScenarioNameTakenError";
  }
}

/** A promoted scenario is kept as a record: it takes no more edits. */
export class ScenarioClosedError extends Error {
  constructor(
    readonly scenarioId: number,
    readonly status: ScenarioStatus,
  ) {
    super(`scenario ${scenarioId} is ${status}: it takes no more edits`);
    this.name = "ScenarioClosedError";
  }
}

/** Nothing left to undo. */
export class NothingToUndoError extends Error {
  constructor(readonly scenarioId: number) {
    super(`scenario ${scenarioId} has no edit left to undo`);
    this.name = "NothingToUndoError";
  }
}

type Row = Record<string, unknown>;

const SUMMARY_COLUMNS = `id, school_id, name, author, seed, version, base_problem_version, base_run_id, base_fingerprint, status, promoted_run_id, created_at, updated_at`;

function summaryOf(row: Row): ScenarioSummary {
  const promoted = row.promoted_run_id;
  return {
    scenarioId: toNumber(row.id),
    schoolId: String(row.school_id),
    name: String(row.name),
    author: String(row.author),
    seed: toNumber(row.seed),
    version: toNumber(row.version),
    baseProblemVersion: toNumber(row.base_problem_version),
    baseRunId: toNumber(row.base_run_id),
    baseFingerprint: String(row.base_fingerprint),
    status: String(row.status) as ScenarioStatus,
    ...(promoted === null || promoted === undefined ? {} : { promotedRunId: toNumber(promoted) }),
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function recordOf(row: Row): ScenarioRecord {
  return {
    ...summaryOf(row),
    startSections: JSON.parse(String(row.start_sections)),
    sections: JSON.parse(String(row.sections)),
  };
}

/** Creates a scenario at version 0 whose sections are `sections`; refuses a name the school already uses. */
export async function createScenario(store: Store, scenario: NewScenario): Promise<ScenarioRecord> {
  const now = new Date();
  const sections = JSON.stringify(scenario.sections);
  return store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    const taken = await queryRows<Row>(
      tx,
      `SELECT id FROM scenario WHERE school_id = $1 AND name = $2`,
      scenario.schoolId,
      scenario.name,
    );
    if (taken.length > 0) throw new ScenarioNameTakenError(scenario.schoolId, scenario.name);
    const [row] = await queryRows<Row>(
      tx,
      `INSERT INTO scenario (school_id, name, author, seed, version, base_problem_version, base_run_id, base_fingerprint, start_sections, sections, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 0, $5, $6, $7, $8, $8, 'open', $9, $9) RETURNING *`,
      scenario.schoolId,
      scenario.name,
      scenario.author,
      scenario.seed,
      scenario.baseProblemVersion,
      scenario.baseRunId,
      scenario.baseFingerprint,
      sections,
      timestampValue(store, now),
    );
    return recordOf(row!);
  });
}

/** The school's scenarios, oldest first, without their sections. */
export async function listScenarios(store: Store, schoolId: string): Promise<ScenarioSummary[]> {
  const rows = await queryRows<Row>(
    store.db,
    `SELECT ${SUMMARY_COLUMNS} FROM scenario WHERE school_id = $1 ORDER BY id`,
    schoolId,
  );
  return rows.map(summaryOf);
}

/** The scenario of this ID, if the store has it. */
export async function getScenario(store: Store, scenarioId: number): Promise<ScenarioRecord | undefined> {
  const [row] = await queryRows<Row>(store.db, `SELECT * FROM scenario WHERE id = $1`, scenarioId);
  return row ? recordOf(row) : undefined;
}

/** The scenario's edits and undos, oldest first. */
export async function scenarioHistory(store: Store, scenarioId: number): Promise<ScenarioEditRecord[]> {
  const rows = await queryRows<Row>(
    store.db,
    `SELECT * FROM scenario_edit WHERE scenario_id = $1 ORDER BY version`,
    scenarioId,
  );
  return rows.map((row) => ({
    version: toNumber(row.version),
    author: String(row.author),
    kind: String(row.kind),
    edit: JSON.parse(String(row.edit)),
    before: JSON.parse(String(row.before)) as SectionsBefore[],
    ...(row.undone_by === null || row.undone_by === undefined ? {} : { undoneBy: toNumber(row.undone_by) }),
    createdAt: toDate(row.created_at),
  }));
}

/** Reads the scenario for a change, locked until the transaction ends; refuses a stale version or a closed scenario. */
async function lockForChange(
  tx: StoreTx,
  store: Store,
  scenarioId: number,
  expectedVersion: number,
): Promise<ScenarioRecord> {
  await takeWriteLock(tx, store);
  const [row] = await queryRows<Row>(tx, `SELECT * FROM scenario WHERE id = $1${store.dialect.forUpdate}`, scenarioId);
  if (!row) throw new UnknownScenarioError(scenarioId);
  const record = recordOf(row);
  if (record.status !== "open") throw new ScenarioClosedError(scenarioId, record.status);
  if (record.version !== expectedVersion) throw new ScenarioVersionError(scenarioId, expectedVersion, record.version);
  return record;
}

/** Writes the new sections and the history entry; returns the scenario at its new version. */
async function writeChange(
  tx: StoreTx,
  store: Store,
  record: ScenarioRecord,
  author: string,
  change: ScenarioChange,
): Promise<ScenarioRecord> {
  const now = timestampValue(store, new Date());
  const version = record.version + 1;
  const sections = JSON.stringify(change.sections);
  // Conditional on the version read: a second line of defence should a database not lock the row.
  const updated = await execute(
    tx,
    `UPDATE scenario SET sections = $1, version = $2, updated_at = $3 WHERE id = $4 AND version = $5`,
    sections,
    version,
    now,
    record.scenarioId,
    record.version,
  );
  if (updated !== 1) throw new ScenarioVersionError(record.scenarioId, record.version, record.version + 1);
  await execute(
    tx,
    `INSERT INTO scenario_edit (scenario_id, version, author, kind, edit, "before", created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    record.scenarioId,
    version,
    author,
    change.kind,
    JSON.stringify(change.edit),
    JSON.stringify(change.before),
    now,
  );
  return { ...record, sections: change.sections, version, updatedAt: new Date() };
}

/**
 * Applies a change to the scenario at `expectedVersion`, in one transaction: `decide` gets the
 * scenario as it is now and returns the change, or throws to refuse it (nothing is written).
 */
export async function changeScenario(
  store: Store,
  scenarioId: number,
  expectedVersion: number,
  author: string,
  decide: (scenario: ScenarioRecord) => ScenarioChange,
): Promise<ScenarioRecord> {
  return store.db.transaction(async (tx) => {
    const record = await lockForChange(tx, store, scenarioId, expectedVersion);
    return writeChange(tx, store, record, author, decide(record));
  });
}

/** Takes back the scenario's latest edit not yet undone (its sections restored as they were); recorded as an edit of kind undo. */
export async function undoScenarioEdit(
  store: Store,
  scenarioId: number,
  expectedVersion: number,
  author: string,
): Promise<{ scenario: ScenarioRecord; undid: number }> {
  return store.db.transaction(async (tx) => {
    const record = await lockForChange(tx, store, scenarioId, expectedVersion);
    const [last] = await queryRows<Row>(
      tx,
      `SELECT version, "before" FROM scenario_edit WHERE scenario_id = $1 AND kind <> 'undo' AND undone_by IS NULL ORDER BY version DESC LIMIT 1`,
      scenarioId,
    );
    if (!last) throw new NothingToUndoError(scenarioId);
    const undid = toNumber(last.version);
    const restore = JSON.parse(String(last.before)) as SectionsBefore[];
    const sections = restoreSections(record.sections, restore);
    const current = new Map(record.sections.map((s) => [s.sectionId, s]));
    const before = restore.map(({ sectionId }) => ({ sectionId, section: current.get(sectionId) ?? null }));
    const scenario = await writeChange(tx, store, record, author, {
      kind: "undo",
      edit: { kind: "undo", undoes: undid },
      sections,
      before,
    });
    await execute(
      tx,
      `UPDATE scenario_edit SET undone_by = $1 WHERE scenario_id = $2 AND version = $3`,
      scenario.version,
      scenarioId,
      undid,
    );
    return { scenario, undid };
  });
}

/** The sections with `restore` put back: each listed section replaced (or removed if it was null), others untouched, order kept. */
export function restoreSections(sections: ScenarioSection[], restore: SectionsBefore[]): ScenarioSection[] {
  const replace = new Map(restore.map((r) => [r.sectionId, r.section]));
  const result: ScenarioSection[] = [];
  for (const section of sections) {
    if (!replace.has(section.sectionId)) result.push(section);
    else {
      const old = replace.get(section.sectionId);
      replace.delete(section.sectionId);
      if (old) result.push(old);
    }
  }
  for (const old of replace.values()) if (old) result.push(old);
  return result;
}

/** Marks the scenario promoted by `runId`, if it is still open at `expectedVersion`; false otherwise. */
export async function markScenarioPromoted(
  store: Store,
  scenarioId: number,
  expectedVersion: number,
  runId: number,
): Promise<boolean> {
  const changed = await execute(
    store.db,
    `UPDATE scenario SET status = 'promoted', promoted_run_id = $1, updated_at = $2 WHERE id = $3 AND version = $4 AND status = 'open'`,
    runId,
    timestampValue(store, new Date()),
    scenarioId,
    expectedVersion,
  );
  return changed === 1;
}

/** Deletes the scenario and its history; false if there was none. */
export async function dropScenario(store: Store, scenarioId: number): Promise<boolean> {
  return store.db.transaction(async (tx) => {
    await takeWriteLock(tx, store);
    await execute(tx, `DELETE FROM scenario_edit WHERE scenario_id = $1`, scenarioId);
    return (await execute(tx, `DELETE FROM scenario WHERE id = $1`, scenarioId)) === 1;
  });
}
