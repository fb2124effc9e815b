/**
 * CSV lines written straight into a growing byte buffer, cell by cell: no string made per line.
 * Joining a line's cells as strings (a rope of 10-20 pieces), adding it to a chunk and encoding
 * the chunk was most of the cost of a school's lines: on the district's first 60 schools (50 MB
 * of lines), string joins, their garbage and flattening were about 3 of 4 s of CPU.
 */
import { csvCell } from "./write-csv-file.ts";

/** A byte buffer lines are written into: `bytes()` holds what was written. */
export class LineBytes {
  private buffer: Buffer;
  private used = 0;

  /** `expected`: bytes the lines will take, about (the buffer grows past it if need be). */
  constructor(expected = 1 << 16) {
    // Its own memory (not Node's shared pool), so that it can be moved to another thread whole.
    this.buffer = Buffer.allocUnsafeSlow(Math.max(expected, 1 << 12));
  }

  /** Where the next byte goes: the end of what was written. */
  get length(): number {
    return this.used;
  }

  /** Makes room for `bytes` more. */
  private room(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafeSlow(Math.max(this.used + bytes, 2 * this.buffer.length));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }

  /**
   * Appends a text as UTF-8. ASCII (every sourcedId, most names) is copied a character at a
   * time, which costs less than a call into C++ for a short text; the first other character
   * hands the whole text to Buffer's encoder.
   */
  text(text: string): void {
    const n = text.length;
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a pair, 4).
    this.room(3 * n);
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x80) {
        this.used += buffer.write(text, this.used, "utf8");
        return;
      }
      buffer[at++] = code;
    }
    this.used = at;
  }

  /** Appends one byte (a comma, a line's end). */
  byte(code: number): void {
    this.room(1);
    this.buffer[this.used++] = code;
  }

  /** Appends bytes written already (a piece of a line that many lines share). */
  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    const buffer = this.buffer;
    const at = this.used;
    // A piece of a line (17-60 bytes: a seat's start, its class's middle, its end) costs less as
    // a call of set than as a loop: enrollments.csv's lines of 150 district schools took 12-13%
    // less CPU (three alternated runs in one process) than with a loop up to 32 bytes.
    if (bytes.length > 8) buffer.set(bytes, at);
    else for (let i = 0; i < bytes.length; i++) buffer[at + i] = bytes[i]!;
    this.used = at + bytes.length;
  }

  /**
   * Appends one cell of free text: quoted as csvCell quotes it. An ASCII cell that needs no
   * quotes (most names) is copied in the pass that looks for a quote, a comma or a line break,
   * rather than tested by csvCell's regular expression first.
   */
  cell(text: string): void {
    const n = text.length;
    this.room(n);
    const buffer = this.buffer;
    let at = this.used;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      // Anything else (quoting, or a character of more than one byte) goes the general way,
      // over the bytes copied so far.
      if (code >= 0x80 || code === 0x22 || code === 0x2c || code === 0x0a || code === 0x0d) {
        this.text(csvCell(text));
        return;
      }
      buffer[at++] = code;
    }
    this.used = at;
  }

  /** Everything written, `from` a length on (the buffer itself: no copy). */
  written(from = 0): Uint8Array {
    return this.buffer.subarray(from, this.used);
  }
}

/** A text's UTF-8 bytes: a piece many lines share (LineBytes.bytes). */
export function textBytes(text: string): Uint8Array {
  return Buffer.from(text, "utf8");
}

/**
 * Compiles the function that writes a row as a line of CSV into a LineBytes: csvLine's bytes
 * (write-csv-file.ts), each cell written where it goes rather than joined into a line first.
 * Cells of the `plain` columns are written as they are (one sourcedId or a fixed word: see
 * columns.ts), the others quoted where they need it; an empty cell adds nothing.
 */
export function csvLineBytes<C extends readonly string[]>(
  columns: C,
  plain: readonly string[] = [],
): (row: Partial<Record<C[number], string>>, out: LineBytes) => void {
  const steps: string[] = [];
  let constant = "";
  const flush = () => {
    if (constant.length === 1) steps.push(`out.byte(${constant.charCodeAt(0)});`);
    else if (constant !== "") steps.push(`out.text(${JSON.stringify(constant)});`);
    constant = "";
  };
  columns.forEach((column, k) => {
    if (k > 0) constant += ",";
    flush();
    const value = `row[${JSON.stringify(column)}]`;
    steps.push(
      `{ const v = ${value}; if (v !== undefined && v !== "") out.${plain.includes(column) ? "text" : "cell"}(v); }`,
    );
  });
  constant += "\n";
  flush();
  return new Function("row", "out", steps.join("\n")) as (
    row: Partial<Record<C[number], string>>,
    out: LineBytes,
  ) => void;
}
