/**
 * SQLite, the embedded default: one file, two better-sqlite3 connections per process: the
 * writer, and a read-only one for reads made outside a transaction.
 *
 * The writer is shared by every caller of the process, and better-sqlite3 runs each
 * statement synchronously, so a statement made on it outside a transaction while another
 * caller's transaction is open (awaiting between its statements) would run inside it: it would
 * see that transaction's uncommitted rows, and a write of it would be rolled back with it. So a
 * mutex is held by every transaction from BEGIN to COMMIT or ROLLBACK, and a write outside one
 * waits for it (runs at once when nobody holds it).
 *
 * A read outside a transaction never waits: it runs at once on the reader, which in WAL mode
 * sees the last commit while the writer is in the middle of a transaction. A district run's
 * publish holds the writer for a school's whole roster (yielding the loop every MS_PER_TURN):
 * every roster read, token look-up and job poll waited for it before.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { Mutex } from "async-mutex";
import type BetterSqlite3 from "better-sqlite3";
import { createWalSync } from "./sqlite-durability.ts";
import { turnClock } from "../event-loop-turns.ts";
import { noteStoreWait } from "../store-waits.ts";
import { checkpointOnce, startWalCheckpoints, type WalCheckpoints } from "./sqlite-checkpoints.ts";
import {
  errorCode,
  type BulkColumn,
  type ConnectOptions,
  type Database,
  type Dialect,
  type InsertOptions,
  type Queryable,
  whileOpen,
  BULK_CHUNK_ROWS,
} from "../dialect.ts";

/** The file path of a SQLite URL (`file:./x.db`, `file:/abs/x.db` or a bare path). */
export function sqliteFilePath(url: string): string {
  return path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/** Statements are written with `$n`; better-sqlite3 wants anonymous `?` (its `?NNN` miscounts arguments): the text and the order of arguments. */
function rewrite(sql: string): { text: string; order: number[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return "?";
  });
  return { text, order };
}

/** SQLite binds no booleans, dates or undefined: 0/1, the timestamp text and NULL stand in for them. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === true) return 1;
  if (value === false) return 0;
  if (value instanceof Date) return timestamp(value);
  return value;
}

/**
 * A timestamp as SQLite keeps it: ISO 8601 text with "+00:00", the form Prisma's SQLite
 * adapter wrote (stores made before this driver read alike), ordered as text.
 */
function timestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

interface Prepared {
  statement: BetterSqlite3.Statement;
  order: number[];
}

/** The statements of a connection, prepared once per text (and per row mode: `raw` gives arrays). */
function statementCache(connection: BetterSqlite3.Database): (sql: string, raw?: boolean) => Prepared {
  const cache = new Map<string, Prepared>();
  const rawCache = new Map<string, Prepared>();
  return (sql, raw = false) => {
    const statements = raw ? rawCache : cache;
    let prepared = statements.get(sql);
    if (!prepared) {
      const { text, order } = rewrite(sql);
      const statement = connection.prepare(text);
      if (raw) statement.raw(true);
      prepared = { statement, order };
      statements.set(sql, prepared);
    }
    return prepared;
  };
}

/**
 * Milliseconds of work a transaction's bulk insert does between two turns of the event loop.
 * better-sqlite3 is synchronous: a school's 15,000 assignments in one go held the thread that
 * answers requests for 50-100 ms. A count of rows per turn (2,000 before) held it 120-280 ms
 * under a load of 25 (wide student rows, a busy machine): the clock is what the stall is
 * measured in. Statements of other callers wait for the transaction's mutex meanwhile, so
 * nothing gets into it.
 */
export const MS_PER_TURN = 20;

/**
 * Rows per INSERT statement of a bulk insert. Each statement run is a call from JavaScript into
 * better-sqlite3 with its own binding work; 64 rows a statement wrote 1,000,000 three-column
 * assignment rows with 0.88 s of CPU instead of 1.64-2.8 s row by row (256 rows: no better).
 */
export const ROWS_PER_STATEMENT = 64;

/**
 * Rows written by a transaction from which its commit leaves the checkpoint to a thread
 * (checkpointOnce) instead of making it inline: the district's import (1.6 million rows, a
 * 188 MB WAL) spent 1.4 s of its commit at load 9 copying the WAL into the database.
 */
export const BIG_TRANSACTION_ROWS = 100_000;

/**
 * The bulk inserts' statements, prepared once per connection and text: a late enrollment makes
 * a few small bulk inserts (its student row, its requests, its run's seats), and preparing
 * their statements afresh each time took 0.3 s of the server's thread in a minute of bench:api.
 * The texts are few (a table's columns, 1 or ROWS_PER_STATEMENT rows).
 */
const insertStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function preparedInsert(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let statements = insertStatements.get(connection);
  if (!statements) insertStatements.set(connection, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = connection.prepare(sql)));
  return statement;
}

/**
 * Bulk insert: prepared INSERTs of ROWS_PER_STATEMENT rows (the last few rows one by one),
 * inside the caller's transaction. That beat json_each chunks too. With `msPerTurn` (inside a
 * transaction only: outside one nothing would keep other statements out) it gives the event
 * loop a turn once that much time has gone by since the last (checked every statement). With
 * `orFail` (a bulk-load transaction's, see TransactionOptions) a statement without ON CONFLICT
 * is INSERT OR FAIL.
 */
async function insertRows(
  connection: BetterSqlite3.Database,
  table: string,
  columns: readonly BulkColumn[],
  rows: Iterable<readonly unknown[]>,
  options: InsertOptions = {},
  msPerTurn = Infinity,
  orFail = false,
): Promise<number> {
  const { constants = [], onConflict = "", onChunk, chunkRows = BULK_CHUNK_ROWS } = options;
  const all = [...constants, ...columns];
  // A utf8 column's bytes are bound as a blob and made TEXT by the cast (a string stays as it is).
  const tuple = `(${all.map((c) => (c.utf8 ? "CAST(? AS TEXT)" : "?")).join(", ")})`;
  const verb = orFail && onConflict === "" ? "INSERT OR FAIL" : "INSERT";
  const insert = (n: number) =>
    preparedInsert(
      connection,
      `${verb} INTO "${table}" (${all.map((c) => `"${c.name}"`).join(", ")}) VALUES ${Array.from({ length: n }, () => tuple).join(", ")} ${onConflict}`,
    );
  const one = insert(1);
  let many: BetterSqlite3.Statement | undefined;
  const width = all.length;
  const batch: unknown[] = new Array(width * ROWS_PER_STATEMENT);
  let inBatch = 0;
  let written = 0;
  let reported = 0;
  const clock = turnClock(msPerTurn);
  const report = () => {
    reported = written;
    onChunk?.(written);
  };
  for (const row of rows) {
    const at = inBatch * width;
    for (let i = 0; i < constants.length; i++) batch[at + i] = constants[i]!.value;
    for (let i = 0; i < row.length; i++) batch[at + constants.length + i] = bindable(row[i]);
    if (++inBatch < ROWS_PER_STATEMENT) continue;
    // Spread, not the array: better-sqlite3 reads an array's values one by one through V8's
    // object API, and the arguments of the call straight. The district's 683,132 student rows
    // alone (a micro-benchmark, load 11-13): 1.71-1.83 s of CPU against 1.89-2.09.
    (many ??= insert(ROWS_PER_STATEMENT)).run(...batch);
    inBatch = 0;
    const before = written;
    written += ROWS_PER_STATEMENT;
    if (Math.floor(written / chunkRows) > Math.floor(before / chunkRows)) report();
    if (clock.due()) await clock.turn();
  }
  for (let r = 0; r < inBatch; r++) one.run(batch.slice(r * width, (r + 1) * width));
  written += inBatch;
  if (written !== reported) report();
  return written;
}

/** Runs SQL straight on the connection (no waiting: the caller decides when that is safe). */
function onConnection(connection: BetterSqlite3.Database) {
  const prepared = statementCache(connection);
  const args = (order: number[], values: readonly unknown[]) => order.map((i) => bindable(values[i]));
  return {
    /**
     * True when `sql` only reads (better-sqlite3's `readonly`, from sqlite3_stmt_readonly), so
     * that it may run on a read-only connection. A PRAGMA never does (some change the connection
     * they run on), nor a statement that cannot be prepared here (the writer gives its error).
     */
    readsOnly(sql: string): boolean {
      if (/^\s*pragma\b/i.test(sql)) return false;
      try {
        return prepared(sql).statement.readonly;
      } catch {
        return false;
      }
    },
    query<T>(sql: string, values: readonly unknown[]): T[] {
      const { statement, order } = prepared(sql);
      if (!statement.reader) {
        statement.run(...args(order, values));
        return [];
      }
      return statement.all(...args(order, values)) as T[];
    },
    queryArrays(sql: string, values: readonly unknown[]): unknown[][] {
      const { statement, order } = prepared(sql, true);
      return statement.all(...args(order, values)) as unknown[][];
    },
    execute(sql: string, values: readonly unknown[]): number {
      const { statement, order } = prepared(sql);
      return statement.run(...args(order, values)).changes;
    },
    insertRows: (
      table: string,
      columns: readonly BulkColumn[],
      rows: Iterable<readonly unknown[]>,
      options?: InsertOptions,
      msPerTurn?: number,
      orFail?: boolean,
    ) => insertRows(connection, table, columns, rows, options, msPerTurn, orFail),
  };
}

/**
 * Settings of the connection. WAL lets readers run beside the one writer. synchronous=FULL
 * (not NORMAL) because in WAL mode NORMAL may lose the last commits on power loss: an
 * acknowledged write must survive that too. It costs one fsync per commit, and the store
 * commits few, large transactions. foreign_keys is off by default in SQLite.
 */
function configure(connection: BetterSqlite3.Database, durability: ConnectOptions["durability"]): void {
  // A new store's pages are 16 KiB, not SQLite's 4: the district's import inserts 683,132
  // student rows of ~1.5 KB of requests each, and at 4 KiB a page holds two or three of them.
  // importProblem 3.5-3.8 s against 4.0-4.4 (bench:import, alternated, load 2-3); an existing
  // store keeps its page size (set only before the first table; WAL fixes it after).
  connection.pragma("page_size = 16384");
  const mode = connection.pragma("journal_mode = WAL", { simple: true });
  if (mode !== "wal") throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
  // "on-request": the fsync comes from Database.durable, off the thread (sqlite-durability.ts).
  connection.pragma(durability === "on-request" ? "synchronous = NORMAL" : "synchronous = FULL");
  connection.pragma("foreign_keys = ON");
  // Bulk writes of millions of rows touch big indexes: a 256 MB page cache instead of 2 MB.
  connection.pragma("cache_size = -262144");
  // A multi-row INSERT inside a transaction keeps a statement journal (the pages it changes, to
  // undo just that statement on a constraint error): past 64 KiB SQLite spills it to a temporary
  // file, and a 64-row INSERT of student rows touches more than that (random pages of the
  // student_id index), so the district's import wrote gigabytes to temporary files, a statement
  // at a time. In memory, the district's student rows took 1.5-1.9 s of CPU to insert instead of
  // 2.6-4.3 s (load 7-12). Only the writer's own sorts and temporary tables go to memory as well;
  // durability is the WAL's, unchanged.
  connection.pragma("temp_store = MEMORY");
}

/**
 * Page cache of the reader: a roster read is tens of thousands of rows of a few tables, and the
 * default 2 MB cache would read most of them from the file again every time.
 */
const READER_CACHE_KIB = 65_536;

async function open(url: string, options: ConnectOptions): Promise<Database> {
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  // Loaded when a store opens, not when a command that never opens one starts.
  const { default: Driver } = await import("better-sqlite3");
  const connection = new Driver(file, { timeout: options.busyTimeoutMs ?? 60_000 });
  try {
    configure(connection, options.durability);
  } catch (error) {
    connection.close();
    throw error;
  }
  const direct = onConnection(connection);
  // Opened after the writer made the file a WAL database: a read-only connection cannot.
  const reader = new Driver(file, { readonly: true, timeout: options.busyTimeoutMs ?? 60_000 });
  reader.pragma(`cache_size = -${READER_CACHE_KIB}`);
  const read = onConnection(reader);
  const turn = new Mutex();
  /**
   * Runs `work` when no transaction holds the connection: at once (synchronously, so that no
   * transaction can begin first) when none does. The mutex is taken synchronously by acquire.
   */
  const outside = <T>(work: () => T | Promise<T>): Promise<T> =>
    turn.isLocked() ? waitedFor(work) : new Promise<T>((resolve) => resolve(work()));
  /** `work` once the mutex is ours, the wait tallied (store-waits.ts). */
  const waitedFor = <T>(work: () => T | Promise<T>): Promise<T> => {
    const from = performance.now();
    return turn.runExclusive(() => {
      noteStoreWait(performance.now() - from);
      return work();
    });
  };
  /** Rows the open transaction has bulk-inserted so far. */
  let rowsInTransaction = 0;
  /** Whether the open transaction is a bulk load (TransactionOptions). */
  let bulkLoad = false;
  const inTransaction: Queryable = {
    query: async (sql, values) => direct.query(sql, values),
    queryArrays: async (sql, values) => direct.queryArrays(sql, values),
    execute: async (sql, values) => direct.execute(sql, values),
    insertRows: async (table, columns, rows, options) => {
      const written = await direct.insertRows(table, columns, rows, options, MS_PER_TURN, bulkLoad);
      rowsInTransaction += written;
      return written;
    },
  };
  /** The checkpoints of big commits, under way on their threads one after another (the last). */
  let bigCheckpoint: Promise<unknown> | undefined;
  /** A thread's checkpoint after the big commit just made; the connection checkpoints by itself again after the last. */
  const checkpointOffThread = () => {
    const done = (bigCheckpoint ?? Promise.resolve()).then(() =>
      checkpointOnce(file, { busyTimeoutMs: options.busyTimeoutMs }),
    );
    bigCheckpoint = done;
    void done.then(() => {
      if (bigCheckpoint !== done) return;
      bigCheckpoint = undefined;
      if (connection.open) connection.pragma("wal_autocheckpoint = 1000");
    });
  };
  /**
   * Commits; a big transaction's commit (on a connection that checkpoints by itself: no
   * checkpoint thread) leaves its checkpoint to a thread. Durability is the same: the commit's
   * fsync of the WAL is made either way.
   */
  const commit = () => {
    const offThread = checkpoints === undefined && rowsInTransaction >= BIG_TRANSACTION_ROWS;
    if (offThread) connection.pragma("wal_autocheckpoint = 0");
    try {
      connection.exec("COMMIT");
    } finally {
      if (offThread) checkpointOffThread();
    }
  };
  const walSync = options.durability === "on-request" ? createWalSync(file) : undefined;
  // A server's commits never checkpoint on its thread (sqlite-checkpoints.ts): a thread does, every second.
  let checkpoints: WalCheckpoints | undefined;
  if (walSync) {
    connection.pragma("wal_autocheckpoint = 0");
    checkpoints = startWalCheckpoints(file, () => connection.open && connection.pragma("wal_autocheckpoint = 1000"), {
      busyTimeoutMs: options.busyTimeoutMs,
    });
  }
  // A read at once on the reader: a promise that runs it synchronously, as `outside` does when nobody holds the writer.
  const onReadConnection = <T>(work: () => T): Promise<T> => new Promise<T>((resolve) => resolve(work()));
  return {
    query: (sql, values) =>
      read.readsOnly(sql) ? onReadConnection(() => read.query(sql, values)) : outside(() => direct.query(sql, values)),
    queryArrays: (sql, values) =>
      read.readsOnly(sql)
        ? onReadConnection(() => read.queryArrays(sql, values))
        : outside(() => direct.queryArrays(sql, values)),
    execute: (sql, values) => outside(() => direct.execute(sql, values)),
    // Outside a transaction the insert runs in one go: yielding would let a transaction begin in the middle of it.
    insertRows: (table, columns, rows, options) => outside(() => direct.insertRows(table, columns, rows, options)),
    transaction: (work, options) =>
      waitedFor(async () => {
        bulkLoad = options?.bulkLoad === true;
        // A multi-row INSERT keeps a statement journal (a copy of each page it changes, to undo
        // just that statement) when a row may abort it: a foreign key checked at the statement's
        // end, or a NOT NULL or UNIQUE failure under the default ABORT. A bulk load needs neither
        // (INSERT OR FAIL, see insertRows). Set outside the transaction (SQLite ignores it inside
        // one), for this transaction only.
        if (bulkLoad) connection.pragma("foreign_keys = OFF");
        let open = true;
        try {
          // DEFERRED: a reading transaction does not stop other processes' writers (takeWriteLock does, when it writes).
          connection.exec("BEGIN");
          rowsInTransaction = 0;
          const result = await work(whileOpen(inTransaction, () => open));
          commit();
          return result;
        } catch (error) {
          if (connection.inTransaction) connection.exec("ROLLBACK");
          throw error;
        } finally {
          open = false;
          if (bulkLoad) connection.pragma("foreign_keys = ON");
          bulkLoad = false;
        }
      }),
    close: async () => {
      await turn.waitForUnlock();
      await bigCheckpoint;
      await checkpoints?.close();
      await walSync?.durable();
      await walSync?.close();
      reader.close();
      connection.close();
    },
    ...(walSync ? { durable: walSync.durable } : {}),
  };
}

/** SQLite result codes that are conditions of the machine (extended codes, e.g. SQLITE_IOERR_WRITE, count as their primary code). */
const MACHINE_CONDITIONS = ["SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_BUSY"];

export const sqlite: Dialect = {
  kind: "sqlite",
  accepts: (url) => /^file:/i.test(url) || !/^[a-z][a-z0-9+.-]+:/i.test(url), // one letter before a colon is a Windows drive
  connect: open,
  missing: (url) =>
    existsSync(sqliteFilePath(url))
      ? undefined
      : "no such file (import a problem into it first: mse import --input DIR --db URL)",
  isMissingDatabase: () => false,
  idList: (n) => `SELECT value FROM json_each($${n})`,
  jsonField: (column, key) => `json_extract(${column}, '$.${key}')`,
  forUpdate: "",
  timestamp,
  // A no-op write takes the write lock at once (waiting up to the busy timeout).
  takeWriteLock: async (tx) => void (await tx.execute(`UPDATE "_mse_migrations" SET name = name WHERE 1 = 0`, [])),
  // One writer at a time already: the write lock is the lock on every student ID.
  lockStudentIds: async () => undefined,
  machineCondition: (error) => {
    const code = errorCode(error);
    return code !== undefined && MACHINE_CONDITIONS.some((c) => code === c || code.startsWith(`${c}_`))
      ? code
      : undefined;
  },
  beforeClose: async (db) => void (await db.execute("PRAGMA optimize", []).catch(() => undefined)),
};
