/**
 * PostgreSQL, the shared store of several machines: a pg connection pool. A query outside a
 * transaction takes any connection of the pool; a transaction holds one until it ends.
 * Timestamps are `timestamp(3)` without time zone holding UTC: written as ISO text, read back
 * as UTC whatever the process's time zone.
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import {
  errorCode,
  type BulkColumn,
  utf8Text,
  type ConnectOptions,
  type Database,
  type Dialect,
  type InsertOptions,
  type Queryable,
  whileOpen,
  BULK_CHUNK_ROWS,
} from "../dialect.ts";

/** Advisory lock keys: the whole set of student IDs, and one ID ("mse" + "s"/"i"). */
const ALL_STUDENT_IDS = 0x6d736573;
const ONE_STUDENT_ID = 0x6d736569;

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** Reads `timestamp` as UTC and int8 (counts) as numbers; everything else as pg does. */
function typesOf(driver: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
      if (oid === INT8_OID) return (text: string) => Number(text);
      return driver.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
}

/** A Date bound as UTC text: pg would write it in the process's local time, which a column without time zone keeps as is. */
const bindable = (value: unknown) => (value instanceof Date ? value.toISOString() : value === undefined ? null : value);

/**
 * Bulk insert: one statement per chunk; the rows travel as one JSON text parameter that the
 * server unpacks with jsonb_array_elements (one round trip per 50,000 rows; jsonb beat json by
 * about a quarter and unnest of column arrays slightly, on 135,000 request rows).
 */
async function insertRows(
  on: Queryable,
  table: string,
  columns: readonly BulkColumn[],
  rows: Iterable<readonly unknown[]>,
  options: InsertOptions = {},
): Promise<number> {
  const { constants = [], onConflict = "", onChunk, chunkRows = BULK_CHUNK_ROWS } = options;
  const names = [...constants, ...columns].map((c) => `"${c.name}"`).join(", ");
  const values = [
    ...constants.map((c, i) => `$${i + 2}::${c.type}`),
    ...columns.map((c, i) => `(e ->> ${i})::${c.type}`),
  ];
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${values.join(", ")} FROM jsonb_array_elements($1::jsonb) AS e ${onConflict}`;
  let chunk: (readonly unknown[])[] = [];
  let written = 0;
  const flush = async () => {
    await on.execute(sql, [JSON.stringify(chunk), ...constants.map((c) => c.value)]);
    written += chunk.length;
    chunk = [];
    onChunk?.(written);
  };
  // A utf8 column's bytes travel as their text.
  const utf8At = columns.flatMap((c, i) => (c.utf8 ? [i] : []));
  for (const row of rows) {
    chunk.push(utf8At.length === 0 ? row : row.map((v, i) => (utf8At.includes(i) ? utf8Text(v) : v)));
    if (chunk.length >= chunkRows) await flush();
  }
  if (chunk.length > 0) await flush();
  return written;
}

/** COPY's text format escapes these four; everything else is written as it is. */
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** What COPY's text format escapes in a value. */
const COPY_SPECIAL = /[\\\t\n\r]/;

/** A value as a field of COPY's text format: \N for NULL, t/f for booleans, JSON for objects (as the jsonb path writes them). */
function copyField(value: unknown): string {
  // Nearly every field is an ID: a string needing no escape, returned as it is.
  if (typeof value === "string" && !COPY_SPECIAL.test(value)) return value;
  // A utf8 column's bytes (the only Uint8Arrays of a bulk insert) are their text.
  const v = bindable(utf8Text(value));
  if (v === null) return "\\N";
  const text =
    typeof v === "string"
      ? v
      : typeof v === "boolean"
        ? v
          ? "t"
          : "f"
        : typeof v === "object"
          ? JSON.stringify(v)
          : String(v);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/** pg-copy-streams, loaded by the first COPY (each school's publish is one): once, not per COPY. */
let copyStreams: Promise<typeof import("pg-copy-streams")> | undefined;

/** Rows of COPY text a chunk of the stream holds: big enough to cost nothing per chunk, small enough to hold little. */
const COPY_ROWS_PER_CHUNK = 2_000;

/**
 * Bulk insert on one connection (a transaction's) with COPY FROM STDIN (pg-copy-streams): the
 * server parses plain text rows straight into the table, no statement per chunk and no JSON to
 * unpack. Used for more than ONE_INSERT_ROWS rows with no ON CONFLICT clause (COPY has none).
 */
async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly BulkColumn[],
  rows: Iterable<readonly unknown[]>,
  options: InsertOptions,
): Promise<number> {
  const { constants = [], onChunk, chunkRows = BULK_CHUNK_ROWS } = options;
  const { from: copyFrom } = await (copyStreams ??= import("pg-copy-streams"));
  const names = [...constants, ...columns].map((c) => `"${c.name}"`).join(", ");
  const prefix = constants.map((c) => `${copyField(c.value)}\t`).join("");
  let written = 0;
  let reported = 0;
  function* text(): Generator<string> {
    let chunk = "";
    let inChunk = 0;
    for (const row of rows) {
      let line = prefix;
      for (let i = 0; i < row.length; i++) line += i === 0 ? copyField(row[i]) : `\t${copyField(row[i])}`;
      chunk += `${line}\n`;
      written++;
      if (++inChunk === COPY_ROWS_PER_CHUNK) {
        yield chunk;
        chunk = "";
        inChunk = 0;
      }
      if (written - reported >= chunkRows) onChunk?.((reported = written));
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(text()), client.query(copyFrom(`COPY "${table}" (${names}) FROM STDIN`)));
  if (written !== reported) onChunk?.(written);
  return written;
}

/**
 * Rows up to which one INSERT beats COPY: COPY takes two round trips (the server's go-ahead,
 * then the end of the data), an INSERT one. On the district publish (1,050 schools, 3 lanes,
 * load 11) a school's small COPYs took 6-8 ms each against ~2.5 ms for a one-row statement.
 * Kept small: an INSERT writes its rows one by one where COPY batches them, and at 1,000 rows
 * (half the schools' seats going by INSERT) the publish wrote ~4% more WAL and took ~0.5 s more
 * of the server's CPU.
 */
const ONE_INSERT_ROWS = 100;

/** Inserts a few rows with one statement and more with COPY, on the transaction's connection, whose turn this is. */
async function insertFewOrCopy(
  client: pg.PoolClient,
  table: string,
  columns: readonly BulkColumn[],
  rows: Iterable<readonly unknown[]>,
  options: InsertOptions,
): Promise<number> {
  const iterator = rows[Symbol.iterator]();
  const head: (readonly unknown[])[] = [];
  let next = iterator.next();
  for (; !next.done && head.length < ONE_INSERT_ROWS; next = iterator.next()) head.push(next.value);
  // The caller's turn on the connection is this one: the statement goes straight to the client.
  if (next.done) return insertRows(queryable(client, false), table, columns, head, options);
  const first = next.value;
  function* all(): Generator<readonly unknown[]> {
    yield* head;
    yield first;
    for (let row = iterator.next(); !row.done; row = iterator.next()) yield row.value;
  }
  return copyRows(client, table, columns, all(), options);
}

/** Queries on a pool (any connection) or one client (a transaction's). */
function queryable(runner: pg.Pool | pg.PoolClient, oneConnection: boolean): Queryable {
  // A client runs one query at a time: queries made together (Promise.all) wait their turn here, not in pg's deprecated queue.
  let previous: Promise<unknown> = Promise.resolve();
  const run = (sql: string, args: readonly unknown[], arrays = false): Promise<pg.QueryResult> => {
    const query = () =>
      arrays
        ? runner.query({ text: sql, values: args.map(bindable), rowMode: "array" })
        : runner.query(sql, args.map(bindable));
    if (!oneConnection) return query();
    const result = previous.then(query);
    previous = result.catch(() => undefined);
    return result;
  };
  const self: Queryable = {
    query: async <T>(sql: string, args: readonly unknown[]) => (await run(sql, args)).rows as T[],
    queryArrays: async (sql, args) => (await run(sql, args, true)).rows as unknown[][],
    execute: async (sql, args) => (await run(sql, args)).rowCount ?? 0,
    insertRows: (table, columns, rows, options = {}) => {
      if (!oneConnection || options.onConflict) return insertRows(self, table, columns, rows, options);
      const copied = previous.then(() => insertFewOrCopy(runner as pg.PoolClient, table, columns, rows, options));
      previous = copied.catch(() => undefined);
      return copied;
    },
  };
  return self;
}

async function open(url: string): Promise<Database> {
  // Loaded when a store opens, not when a command that never opens one starts.
  const { default: driver } = await import("pg");
  const pool = new driver.Pool({ connectionString: url, types: typesOf(driver) });
  // An idle connection the server closed (a restart) is dropped from the pool; the next query opens another.
  pool.on("error", () => undefined);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    ...queryable(pool, false),
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      let open = true;
      try {
        await client.query("BEGIN");
        const result = await work(whileOpen(queryable(client, true), () => open));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => (broken = true));
        throw error;
      } finally {
        open = false;
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** SQLSTATEs that are conditions of the machine: disk full, out of memory, the server shutting down or starting. */
const MACHINE_CONDITIONS = new Set(["53100", "53200", "57P01", "57P03"]);

export const postgresql: Dialect = {
  kind: "postgresql",
  accepts: (url) => /^postgres(ql)?:\/\//i.test(url),
  connect: (url: string, _options: ConnectOptions) => open(url),
  missing: () => undefined,
  isMissingDatabase: (error) => errorCode(error) === "3D000",
  idList: (n) => `SELECT json_array_elements_text($${n}::json)`,
  jsonField: (column, key) => `(${column}::jsonb ->> '${key}')`,
  forUpdate: " FOR UPDATE",
  timestamp: (date) => date.toISOString(),
  takeWriteLock: async () => undefined,
  async lockStudentIds(tx, studentIds) {
    if (studentIds === "all") {
      await tx.execute(`SELECT pg_advisory_xact_lock($1::int, 0)`, [ALL_STUDENT_IDS]);
      return;
    }
    await tx.execute(`SELECT pg_advisory_xact_lock_shared($1::int, 0)`, [ALL_STUDENT_IDS]);
    // In one order, so that two waves sharing IDs cannot deadlock.
    await tx.execute(
      `SELECT pg_advisory_xact_lock($1::int, hashtext(id)) FROM (SELECT DISTINCT json_array_elements_text($2::json) AS id ORDER BY 1) ids`,
      [ONE_STUDENT_ID, JSON.stringify(studentIds)],
    );
  },
  machineCondition: (error) => {
    const code = errorCode(error);
    return code !== undefined && MACHINE_CONDITIONS.has(code) ? code : undefined;
  },
};
