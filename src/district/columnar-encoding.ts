/**
 * Plain data as one buffer, arrays of records column by column: what crosses between the main
 * thread and a pool worker (school-task.ts). v8.serialize writes every string of every row again
 * (a school's student IDs once per request) and the other thread decodes each of them again: on
 * district-small that was 108 ms to encode and 213 ms to decode, per pass over its 20 schools.
 * Here an array of plain objects (a table) becomes one column per field, typed arrays of tags and
 * numbers, and every distinct string is written once, in one JSON array that JSON.parse reads
 * back natively; rows that share a string share it again once decoded. Whatever is not a table
 * or a plain object around one (Maps, typed arrays, dates, small arrays, a cell holding an
 * object) goes through v8.serialize as before, so any value survives exactly as v8 keeps it,
 * except that objects referenced twice inside a table come back as two copies.
 *
 * The main thread encodes a school's problem for the pool and decodes its roster back while it
 * answers requests: district-small's largest problem (36,747 requests) is 10-16 ms of CPU in one
 * go, a stall of 144 ms in bench:api at load 15 (most of it the thread waiting for a core in the
 * middle of it). So the loops over rows are generators that pause every ROWS_PER_PAUSE rows;
 * encodeColumnar and decodeColumnar run them straight through (the pool's threads), the
 * ...InTurns versions give the event loop a turn at a pause once the clock's slice has gone by.
 * Same bytes and values either way.
 */
import v8 from "node:v8";
import type { TurnClock } from "../store/index.ts";

/** How a value is laid out: an object of parts, a table, or a leaf of the v8 part. */
type Shape =
  | { t: "o"; keys: string[]; parts: Shape[] }
  | { t: "T"; rows: number; columns: ColumnShape[] }
  | { t: "v"; leaf: number };

/** One field of a table: its tags (Uint8), values (Float64) and array items (Float64), as [byte offset, length]. */
interface ColumnShape {
  name: string;
  tags: [number, number];
  values: [number, number];
  items: [number, number];
}

interface Header {
  shape: Shape;
  /** The distinct strings as a JSON array's UTF-8 bytes: [byte offset, byte length]. */
  strings: [number, number];
  /** The v8 leaves, one array: [byte offset, byte length]. */
  leaves: [number, number];
}

const ABSENT = 0;
const UNDEFINED = 1;
const NULL = 2;
const TRUE = 3;
const FALSE = 4;
const NUMBER = 5;
const STRING = 6;
const STRINGS = 7;
const NUMBERS = 8;
const OTHER = 9;

/** Arrays shorter than this stay in the v8 part: columns only pay off with rows. */
const MIN_TABLE_ROWS = 16;
/** Plain objects nested deeper than this are leaves (and a cycle is v8's to keep). */
const MAX_DEPTH = 6;
/**
 * The loops over a table's rows pause this often: 2,048 rows of a column are well under a
 * millisecond, so a clock checked here overruns its slice by little, and the pauses cost nothing measurable.
 */
export const ROWS_PER_PAUSE = 2048;

/** Work that pauses (yields) where a caller may give the event loop a turn, ending with its result. */
type Steps<T> = Generator<void, T, void>;

/** Runs steps straight through. */
function runThrough<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs steps, giving the event loop a turn at a pause once the clock's slice has gone by. */
async function runInTurns<T>(steps: Steps<T>, clock: TurnClock): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (clock.due()) await clock.turn();
  }
}

const pauseAt = (row: number): boolean => row % ROWS_PER_PAUSE === ROWS_PER_PAUSE - 1;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** The fields of the rows, in an order every row's own keys follow; undefined if some row's keys are in another order. */
function* columnNames(rows: readonly Record<string, unknown>[]): Steps<string[] | undefined> {
  const index = new Map<string, number>();
  const names: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (pauseAt(r)) yield;
    let last = -1;
    for (const key in row) {
      let at = index.get(key);
      if (at === undefined) {
        at = names.length;
        index.set(key, at);
        names.push(key);
      }
      if (at <= last) return undefined;
      last = at;
    }
  }
  return names;
}

/** Growing list of typed-array parts, placed at 8-byte-aligned offsets of the final buffer. */
interface Parts {
  chunks: Uint8Array[];
  size: number;
}

function addPart(parts: Parts, bytes: Uint8Array): [number, number] {
  const offset = parts.size;
  parts.chunks.push(bytes);
  parts.size += (bytes.byteLength + 7) & ~7;
  return [offset, bytes.byteLength];
}

interface Encoder {
  parts: Parts;
  strings: Map<string, number>;
  leaves: unknown[];
}

function stringIndex(encoder: Encoder, value: string): number {
  let at = encoder.strings.get(value);
  if (at === undefined) {
    at = encoder.strings.size;
    encoder.strings.set(value, at);
  }
  return at;
}

function leaf(encoder: Encoder, value: unknown): Shape {
  encoder.leaves.push(value);
  return { t: "v", leaf: encoder.leaves.length - 1 };
}

function* encodeColumn(encoder: Encoder, rows: readonly Record<string, unknown>[], name: string): Steps<ColumnShape> {
  const tags = new Uint8Array(rows.length);
  const values = new Float64Array(rows.length);
  const items: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    if (pauseAt(r)) yield;
    const row = rows[r]!;
    const value = row[name];
    if (value === undefined) tags[r] = name in row ? UNDEFINED : ABSENT;
    else if (value === null) tags[r] = NULL;
    else if (value === true) tags[r] = TRUE;
    else if (value === false) tags[r] = FALSE;
    else if (typeof value === "number") {
      tags[r] = NUMBER;
      values[r] = value;
    } else if (typeof value === "string") {
      tags[r] = STRING;
      values[r] = stringIndex(encoder, value);
    } else if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
      tags[r] = STRINGS;
      values[r] = value.length;
      for (const v of value as string[]) items.push(stringIndex(encoder, v));
    } else if (Array.isArray(value) && value.every((v) => typeof v === "number")) {
      tags[r] = NUMBERS;
      values[r] = value.length;
      for (const v of value as number[]) items.push(v);
    } else {
      tags[r] = OTHER;
      encoder.leaves.push(value);
      values[r] = encoder.leaves.length - 1;
    }
  }
  const { parts } = encoder;
  return {
    name,
    tags: addPart(parts, tags),
    values: addPart(parts, new Uint8Array(values.buffer)),
    items: addPart(parts, new Uint8Array(Float64Array.from(items).buffer)),
  };
}

function* encodeShape(encoder: Encoder, value: unknown, depth: number): Steps<Shape> {
  if (Array.isArray(value) && value.length >= MIN_TABLE_ROWS && value.every(isPlainObject)) {
    const rows = value as Record<string, unknown>[];
    const names = yield* columnNames(rows);
    if (names) {
      const columns: ColumnShape[] = [];
      for (const name of names) columns.push(yield* encodeColumn(encoder, rows, name));
      return { t: "T", rows: rows.length, columns };
    }
  }
  if (isPlainObject(value) && depth < MAX_DEPTH) {
    const keys = Object.keys(value);
    const parts: Shape[] = [];
    for (const key of keys) parts.push(yield* encodeShape(encoder, value[key], depth + 1));
    return { t: "o", keys, parts };
  }
  return leaf(encoder, value);
}

/** Encodes plain data into one buffer of its own (transferable whole); decodeColumnar reads it back. */
export function encodeColumnar(value: unknown): Uint8Array {
  return runThrough(encoding(value));
}

/** encodeColumnar on a thread that answers requests: the same bytes, the event loop given a turn whenever the clock is due. */
export function encodeColumnarInTurns(value: unknown, clock: TurnClock): Promise<Uint8Array> {
  return runInTurns(encoding(value), clock);
}

function* encoding(value: unknown): Steps<Uint8Array> {
  const encoder: Encoder = { parts: { chunks: [], size: 0 }, strings: new Map(), leaves: [] };
  const shape = yield* encodeShape(encoder, value, 0);
  // The strings and the v8 part are each one call that cannot pause: a turn before each.
  yield;
  const strings = addPart(encoder.parts, Buffer.from(JSON.stringify([...encoder.strings.keys()])));
  yield;
  const leaves = addPart(encoder.parts, v8.serialize(encoder.leaves));
  const header = Buffer.from(JSON.stringify({ shape, strings, leaves } satisfies Header));
  const base = (4 + header.byteLength + 7) & ~7;
  const out = new Uint8Array(base + encoder.parts.size);
  new DataView(out.buffer).setUint32(0, header.byteLength, true);
  out.set(header, 4);
  let offset = base;
  for (const chunk of encoder.parts.chunks) {
    out.set(chunk, offset);
    offset += (chunk.byteLength + 7) & ~7;
  }
  return out;
}

interface Decoder {
  bytes: Uint8Array;
  base: number;
  strings: string[];
  leaves: unknown[];
}

function* decodeColumn(decoder: Decoder, column: ColumnShape, rows: Record<string, unknown>[]): Steps<void> {
  const { bytes, base, strings, leaves } = decoder;
  const at = (part: [number, number]) => bytes.byteOffset + base + part[0];
  const tags = new Uint8Array(bytes.buffer, at(column.tags), column.tags[1]);
  const values = new Float64Array(bytes.buffer, at(column.values), column.values[1] / 8);
  const items = new Float64Array(bytes.buffer, at(column.items), column.items[1] / 8);
  const { name } = column;
  let next = 0;
  for (let r = 0; r < rows.length; r++) {
    if (pauseAt(r)) yield;
    const row = rows[r]!;
    switch (tags[r]) {
      case ABSENT:
        break;
      case UNDEFINED:
        row[name] = undefined;
        break;
      case NULL:
        row[name] = null;
        break;
      case TRUE:
        row[name] = true;
        break;
      case FALSE:
        row[name] = false;
        break;
      case NUMBER:
        row[name] = values[r];
        break;
      case STRING:
        row[name] = strings[values[r]!];
        break;
      case STRINGS: {
        const list = new Array<string>(values[r]!);
        for (let i = 0; i < list.length; i++) list[i] = strings[items[next++]!]!;
        row[name] = list;
        break;
      }
      case NUMBERS: {
        const list = new Array<number>(values[r]!);
        for (let i = 0; i < list.length; i++) list[i] = items[next++]!;
        row[name] = list;
        break;
      }
      default:
        row[name] = leaves[values[r]!];
    }
  }
}

function* decodeShape(decoder: Decoder, shape: Shape): Steps<unknown> {
  if (shape.t === "v") return decoder.leaves[shape.leaf];
  if (shape.t === "o") {
    const value: Record<string, unknown> = {};
    for (let i = 0; i < shape.keys.length; i++) value[shape.keys[i]!] = yield* decodeShape(decoder, shape.parts[i]!);
    return value;
  }
  const rows = new Array<Record<string, unknown>>(shape.rows);
  for (let r = 0; r < rows.length; r++) {
    if (pauseAt(r)) yield;
    rows[r] = {};
  }
  for (const column of shape.columns) yield* decodeColumn(decoder, column, rows);
  return rows;
}

/** Reads back what encodeColumnar wrote. */
export function decodeColumnar<T>(bytes: Uint8Array): T {
  return runThrough(decoding(bytes)) as T;
}

/** decodeColumnar on a thread that answers requests: the same value, the event loop given a turn whenever the clock is due. */
export async function decodeColumnarInTurns<T>(bytes: Uint8Array, clock: TurnClock): Promise<T> {
  return (await runInTurns(decoding(bytes), clock)) as T;
}

function* decoding(bytes: Uint8Array): Steps<unknown> {
  // Float64Array views need 8-byte alignment: a buffer of its own (what is transferred) has it.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.toString("utf8", 4, 4 + headerLength)) as Header;
  const base = (4 + headerLength + 7) & ~7;
  const slice = ([offset, length]: [number, number]) => buffer.subarray(base + offset, base + offset + length);
  const strings = JSON.parse(slice(header.strings).toString("utf8")) as string[];
  yield;
  const decoder: Decoder = { bytes, base, strings, leaves: v8.deserialize(slice(header.leaves)) as unknown[] };
  return yield* decodeShape(decoder, header.shape);
}
