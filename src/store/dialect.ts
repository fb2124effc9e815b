/**
 * What differs between the databases the store runs on, behind one interface: each database
 * is one file of src/store/dialects/ (its driver, placeholders, bulk insert, ID lists,
 * booleans, timestamps, write lock, error codes) plus its migrations under prisma/migrations/.
 * Everything else in src/store writes its SQL once, PostgreSQL style (`$1`, `$2`), and runs it
 * through a Queryable. Supporting another database: its dialect file, its migrations, its
 * name in StoreKind and its place in DIALECTS (store-url.ts).
 */

/** The databases the store knows. */
export type StoreKind = "sqlite" | "postgresql";

/** A column of a bulk insert, with the SQL type its values are cast to. */
export interface BulkColumn {
  name: string;
  type: SqlType;
  /** A text column whose values may also be a Uint8Array of the text's UTF-8 bytes (request-bytes.ts). */
  utf8?: boolean;
}

const utf8Decoder = new TextDecoder();

/** A value of a bulk insert's `utf8` column as text. */
export function utf8Text(value: unknown): unknown {
  return value instanceof Uint8Array ? utf8Decoder.decode(value) : value;
}

export type SqlType = "text" | "integer" | "double precision" | "boolean" | "timestamp(3)";

/** A column whose value is the same in every row (e.g. the run ID), bound once per statement. */
export interface ConstantColumn extends BulkColumn {
  value: string | number;
}

export interface InsertOptions {
  /** Columns with one value for every row (e.g. the run ID), bound once per statement. */
  constants?: ConstantColumn[];
  /** Appended to the INSERT, e.g. `ON CONFLICT (id) DO UPDATE SET ...` (same text on both databases). */
  onConflict?: string;
  /** Called after each chunk with the number of rows written so far (inside the transaction). */
  onChunk?: (rowsWritten: number) => void;
  chunkRows?: number;
}

/** What SQL runs on: the store's connection, or one transaction's. */
export interface Queryable {
  /** The rows of a query; `$1`, `$2`... are bound to `args`, never spliced into the text. */
  query<T>(sql: string, args: readonly unknown[]): Promise<T[]>;
  /**
   * The rows of a query as arrays of values in the order of its columns: no object per row
   * and no column names looked up (the bulk reads of a school's problem and roster).
   */
  queryArrays(sql: string, args: readonly unknown[]): Promise<unknown[][]>;
  /** Runs a statement and returns the number of rows it changed. */
  execute(sql: string, args: readonly unknown[]): Promise<number>;
  /**
   * Inserts `rows` (each an array of values in `columns` order; null for SQL NULL) into
   * `table`. Rows may be produced lazily: only one chunk is held at a time.
   */
  insertRows(
    table: string,
    columns: readonly BulkColumn[],
    rows: Iterable<readonly unknown[]>,
    options?: InsertOptions,
  ): Promise<number>;
}

/** An open database: queries outside a transaction, transactions, closing. */
export interface Database extends Queryable {
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled
   * back when it throws. A query made meanwhile on the Database itself (not on `tx`) is never
   * part of it.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Closes the connections; the Database is unusable afterwards. */
  close(): Promise<void>;
  /** Opened with durability "on-request": resolves once every commit made so far is on disk. */
  durable?(): Promise<void>;
}

/** How a transaction may be run. */
export interface TransactionOptions {
  /**
   * The transaction bulk-inserts rows whose every reference it made itself (an import: each
   * row's school is a school row it wrote first) and is rolled back whole on any error, never
   * carrying on past a failed statement. SQLite then checks no foreign keys during it and its
   * bulk inserts stop at a failed row instead of undoing their statement (INSERT OR FAIL), so
   * that no statement keeps a journal of the pages it changes (dialects/sqlite.ts): the
   * district's importProblem took 4.84 s of the main thread's CPU against 5.31 (medians of 6
   * alternated runs of the import alone, load 6-10). PostgreSQL runs it as any other.
   */
  bulkLoad?: boolean;
}

export interface ConnectOptions {
  /** How long a writer waits for another process's write to finish (SQLite; default 60 s). */
  busyTimeoutMs?: number;
  /**
   * SQLite: "commit" (default) fsyncs every commit on the calling thread (synchronous=FULL);
   * "on-request" leaves commits unsynced and makes them durable when Database.durable is
   * awaited, with one fsync off the thread for all commits before it: what a server does
   * before it acknowledges a write (dialects/sqlite-durability.ts). PostgreSQL: no difference.
   */
  durability?: "commit" | "on-request";
}

/** One database the store can run on. */
export interface Dialect {
  kind: StoreKind;
  /** Whether `url` names a database of this kind. */
  accepts(url: string): boolean;
  /** Opens the database at `url`; throws with the database's own words when it refuses. */
  connect(url: string, options: ConnectOptions): Promise<Database>;
  /** For a URL whose database must exist already: why it does not, or undefined if it may (checked on connect). */
  missing(url: string): string | undefined;
  /** True when `error` (thrown by connect) says the database does not exist. */
  isMissingDatabase(error: unknown): boolean;
  /** The rows of a JSON array of text bound as `$n`, one column: for `IN (...)`. */
  idList(n: number): string;
  /** SQL for the value under top-level `key` of the JSON text in `column`, as text or a number (NULL when absent); `key` is the caller's constant, never input. */
  jsonField(column: string, key: string): string;
  /**
   * Appended to a SELECT inside a write transaction that reads rows it then updates: locks
   * them until the transaction ends (PostgreSQL's " FOR UPDATE"; nothing on SQLite, whose
   * write lock already holds the whole database).
   */
  forUpdate: string;
  /** A timestamp as a bound value, in the form the database's timestamp columns hold. */
  timestamp(date: Date): string;
  /**
   * Makes the transaction a writer from its first statement, so that one that reads first and
   * writes later cannot fail for another process's write meanwhile (SQLite; PostgreSQL locks
   * rows as it writes them and needs nothing).
   */
  takeWriteLock(tx: Queryable): Promise<void>;
  /**
   * Makes the transaction the only writer of these student IDs until it ends ("all": of every
   * student ID, as an import is). Nothing where the write lock already serializes writers.
   */
  lockStudentIds(tx: Queryable, studentIds: readonly string[] | "all"): Promise<void>;
  /** The database's code when `error` is a condition of the machine (a full disk, a server shutting down), else undefined. */
  machineCondition(error: unknown): string | undefined;
  /** Closing work worth doing before a clean shutdown (SQLite: PRAGMA optimize). */
  beforeClose?(db: Database): Promise<void>;
}

/** Rows per statement of a chunked bulk insert: large enough to amortize the call, small enough to keep the JSON text modest. */
export const BULK_CHUNK_ROWS = 50_000;

/**
 * A transaction's queries that refuse to run once the transaction has ended: run anyway,
 * they would land outside it (or, on a pool, inside another caller's).
 */
export function whileOpen(queries: Queryable, isOpen: () => boolean): Queryable {
  const check = () => {
    if (!isOpen()) throw new Error("a query on a transaction that has ended");
  };
  return {
    query: async (sql, args) => (check(), queries.query(sql, args)),
    queryArrays: async (sql, args) => (check(), queries.queryArrays(sql, args)),
    execute: async (sql, args) => (check(), queries.execute(sql, args)),
    insertRows: async (table, columns, rows, options) => (check(), queries.insertRows(table, columns, rows, options)),
  };
}

/** The error's `code`, if it has a string one (the drivers' SQLite result codes and PostgreSQL SQLSTATEs). */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}
