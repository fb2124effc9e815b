/**
 * The fast path of reading CSV: a line without a quote character, in a file with one kind of
 * line ending, is cell for cell the line split at its commas. District exports are almost all
 * such lines (IDs, numbers, plain names). The file's bytes are read in 1 MiB chunks, checked
 * as UTF-8 natively, decoded once per chunk (as Latin-1 when the chunk is ASCII, which costs a
 * copy where UTF-8 decoding costs a tenth of a second per 100 MB), and one loop over the text
 * finds line ends, commas, quotes, CRs and control characters together; a line is handed over
 * as the text and the positions of its commas, so no array or string is made per line. A
 * line with quotes (a name like "Smith, Jr.") is parsed by csv-parse on its own: at a
 * record's start csv-parse's state is fresh, so a line it reads as one whole record is that
 * record in the file too. Anything else (a quoted cell over several lines, broken quoting, a
 * CR that is not every line's CRLF, a file quoted throughout) stops this path with
 * NotPlainCsv, and the caller reads the file with csv-parse from the start, which keeps every
 * quoting rule and every message about broken CSV csv-parse's own.
 */
import { isAscii } from "node:buffer";
import { open } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { BadByteError, isControlCode, utf8Check } from "./check-bytes.ts";

/** The file holds something this path does not read exactly as csv-parse would: read it with csv-parse. */
export class NotPlainCsv extends Error {
  constructor() {
    super("the file holds quotes or mixed line endings: read it with csv-parse");
    this.name = "NotPlainCsv";
  }
}

/** Where the records go, in file order. */
export interface RecordSink {
  /**
   * A line without quotes: its cell k (k < count) is `text.slice(seps[at + k] + 1, seps[at + k + 1])`.
   * `text` and `seps` are the chunk's and are reused for the next chunk: read them before returning.
   */
  line(text: string, seps: Int32Array, at: number, count: number): void;
  /** A record csv-parse read from one whole line holding quotes. */
  record(cells: string[]): void;
}

const CHUNK = 1 << 20;
/**
 * A chunk's text is decoded in pieces of about this many bytes: a string this small is made
 * in the young generation and dies there, where a 1 MiB one is a large object of its own, in
 * fresh memory (measured on the district: the read took 10-20 % less CPU).
 */
const PIECE = 1 << 16;
const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;
const BOM = 0xfeff;
/** Past this many quoted lines, and once they are half the file, csv-parse streaming the file is cheaper (a line alone costs it about 8 µs). */
const QUOTED_LINES_ALONE = 1000;

/**
 * The cells of a line holding quotes when each of its quoted cells is whole: a quote, text
 * with any quote doubled, a quote, then a comma or the line's end. csv-parse reads such a line
 * as these cells; anything else (a quote inside an unquoted cell, text after a closing quote,
 * an unclosed quote) is undefined, for csv-parse to read or refuse. csv-parse costs some 10 to
 * 100 µs a call, and a district's students.csv has thousands of quoted names.
 */
function wholeQuotedCells(line: string): string[] | undefined {
  const cells: string[] = [];
  const length = line.length;
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) !== QUOTE) {
      const comma = line.indexOf(",", i);
      const cell = line.slice(i, comma < 0 ? length : comma);
      if (cell.includes('"')) return undefined;
      cells.push(cell);
      if (comma < 0) return cells;
      i = comma + 1;
      continue;
    }
    let text = "";
    for (let from = i + 1; ;) {
      const quote = line.indexOf('"', from);
      if (quote < 0) return undefined;
      if (line.charCodeAt(quote + 1) === QUOTE) {
        text += line.slice(from, quote + 1);
        from = quote + 2;
        continue;
      }
      text += line.slice(from, quote);
      i = quote + 1;
      break;
    }
    cells.push(text);
    if (i === length) return cells;
    if (line.charCodeAt(i) !== COMMA) return undefined;
    i++;
  }
}

/** The record csv-parse reads from one whole line holding quotes; NotPlainCsv if the line is not one whole record. */
function quotedLine(line: string): string[] {
  let records: string[][];
  try {
    records = parse(line, { relax_column_count: true }) as string[][];
  } catch {
    throw new NotPlainCsv();
  }
  if (records.length !== 1) throw new NotPlainCsv();
  return records[0];
}

/** The chunks of the file at `path`, the next one read while the caller works on this one. */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const file = await open(path, "r");
  // Two buffers: the read of one fills it while the caller reads the other.
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  let which = 0;
  let position = 0;
  let pending = file.read(buffers[which], 0, CHUNK, position);
  pending.catch(() => undefined); // awaited below; spares an unhandled rejection meanwhile
  try {
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      const chunk = buffers[which].subarray(0, bytesRead);
      position += bytesRead;
      which ^= 1;
      pending = file.read(buffers[which], 0, CHUNK, position);
      pending.catch(() => undefined);
      yield chunk;
    }
  } finally {
    await pending.catch(() => undefined);
    await file.close();
  }
}

/** Decodes whole UTF-8 characters: as Latin-1 when they are ASCII, the same text for a copy. */
function decode(bytes: Buffer): { text: string; ascii: boolean } {
  const ascii = isAscii(bytes);
  return { text: bytes.toString(ascii ? "latin1" : "utf8"), ascii };
}

/** The BadByteError of the control character at `text[i]`, `text` starting at file offset `start`. */
function controlAt(text: string, i: number, start: number, ascii: boolean): BadByteError {
  const offset = start + (ascii ? i : Buffer.byteLength(text.slice(0, i)));
  return new BadByteError(offset, text.charCodeAt(i), "control");
}

/**
 * The lines found in a text: line k's cells lie between seps[lines[k]] .. seps[lines[k + 1] - 1]
 * (see RecordSink.line), and quotes[k] is 1 when it holds a quote. The arrays are reused
 * from chunk to chunk.
 */
interface Layout {
  text: string;
  n: number;
  seps: Int32Array;
  lines: Int32Array;
  quotes: Uint8Array;
}

/** An empty layout, its arrays sized for a chunk of short lines. */
function emptyLayout(): Layout {
  return {
    text: "",
    n: 0,
    seps: new Int32Array(1 << 16),
    lines: new Int32Array(1 << 14),
    quotes: new Uint8Array(1 << 14),
  };
}

/**
 * A reader of one file's chunks, handing each record to `sink` exactly as csv-parse with
 * `{ bom: true, relax_column_count: true }` would: cells as text, a blank line as one empty
 * cell, no record for the end of the file. A chunk's bytes are all checked (UTF-8, control
 * characters) before any of its lines is handed over, as checkBytes does for csv-parse, so the
 * rows read before a bad byte are the same whichever path reads the file.
 */
function plainReader(sink: RecordSink): { chunk(chunk: Buffer): void; end(): void } {
  const utf8 = utf8Check();
  /** Bytes after the last line end, waiting for the rest of their line. */
  let tail: Buffer[] = [];
  let tailStart = 0;
  let first = true;
  /** The line ending, known from the first line: csv-parse takes the first one it meets. */
  let crlf: boolean | undefined;
  let records = 0;
  let quoted = 0;
  /** The layouts of a chunk's pieces: the line it completes (begun in earlier chunks), then its own lines. */
  const layouts: Layout[] = [];
  let laid = 0;
  /** The next layout of the chunk. */
  const nextLayout = (): Layout => {
    if (laid === layouts.length) layouts.push(emptyLayout());
    return layouts[laid++];
  };

  /**
   * Lays out the lines of `text` (which ends with a line end, or at the file's end when
   * `endOfFile`) from `from` on; `start` is the file offset of the text, `ascii` whether it
   * is ASCII (a character a byte), for the offset of a control character.
   */
  const scan = (layout: Layout, text: string, from: number, start: number, ascii: boolean, endOfFile: boolean) => {
    const length = text.length;
    let { seps, lines, quotes } = layout;
    let s = 0;
    let n = 0;
    let quote = 0;
    let crs = 0;
    let cr = -1;
    lines[0] = 0;
    seps[s++] = from - 1;
    for (let i = from; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c > COMMA) {
        if (c === 127) throw controlAt(text, i, start, ascii);
        continue;
      }
      if (c === COMMA) {
        if (s === seps.length) layout.seps = seps = grow(seps, s);
        seps[s++] = i;
      } else if (c === LF) {
        let end = i;
        if (!(endOfFile && i === length - 1)) {
          crlf ??= crs > 0 && cr === i - 1;
          if (crlf ? crs !== 1 || cr !== i - 1 : crs !== 0) throw new NotPlainCsv();
          if (crlf) end = i - 1;
        }
        if (s + 2 > seps.length) layout.seps = seps = grow(seps, s);
        seps[s++] = end;
        quotes[n] = quote;
        n++;
        if (n + 1 >= lines.length) {
          layout.lines = lines = grow(lines, n);
          layout.quotes = quotes = grow(quotes, n);
        }
        lines[n] = s;
        seps[s++] = i;
        quote = 0;
        crs = 0;
      } else if (c === QUOTE) quote = 1;
      else if (c === CR) {
        crs++;
        cr = i;
      } else if (isControlCode(c)) throw controlAt(text, i, start, ascii);
    }
    layout.text = text;
    layout.n = n;
  };

  /** Hands over the lines laid out in `layout`. */
  const hand = ({ text, n, seps, lines, quotes }: Layout): void => {
    for (let k = 0; k < n; k++) {
      const at = lines[k];
      const count = lines[k + 1] - at - 1;
      records++;
      if (quotes[k] === 0) sink.line(text, seps, at, count);
      else if (++quoted > QUOTED_LINES_ALONE && quoted * 2 > records) throw new NotPlainCsv();
      else {
        const line = text.slice(seps[at] + 1, seps[at + count]);
        sink.record(wholeQuotedCells(line) ?? quotedLine(line));
      }
    }
  };

  /**
   * Decodes `bytes` and lays out their lines: whole lines from file offset `start`, or the
   * file's last line, without a line end, when `endOfFile`.
   */
  const lay = (layout: Layout, bytes: Buffer, start: number, endOfFile: boolean): void => {
    layout.n = 0;
    if (bytes.length === 0) return;
    const decoded = decode(bytes);
    const { ascii } = decoded;
    let { text } = decoded;
    let from = 0;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === BOM) from = 1;
    }
    if (endOfFile) {
      // A CR there would be kept or taken as a line ending depending on what came before: csv-parse decides.
      if (text.includes("\r")) throw new NotPlainCsv();
      if (text.length === from) return;
      text += "\n";
    }
    scan(layout, text, from, start, ascii, endOfFile);
  };

  /** Throws at the first control character of `bytes`, which start at file offset `start`. */
  const checkControls = (bytes: Buffer, start: number): void => {
    for (let i = 0; i < bytes.length; i++) {
      if (isControlCode(bytes[i])) throw new BadByteError(start + i, bytes[i], "control");
    }
  };

  return {
    chunk(chunk) {
      const { head, start } = utf8.next(chunk);
      const lastLf = head.lastIndexOf(LF);
      const rest = head.subarray(lastLf + 1);
      const restStart = start + lastLf + 1;
      if (lastLf < 0) {
        checkControls(rest, restStart);
        if (tail.length === 0) tailStart = restStart;
        if (rest.length > 0) tail.push(Buffer.from(rest));
        return;
      }
      laid = 0;
      // Only the line begun in earlier chunks is copied to be whole: the chunk's own lines are read where they are.
      let from = 0;
      if (tail.length > 0) {
        from = head.indexOf(LF) + 1;
        lay(nextLayout(), Buffer.concat([...tail, head.subarray(0, from)]), tailStart, false);
      }
      while (from <= lastLf) {
        let to = head.lastIndexOf(LF, Math.min(from + PIECE, lastLf + 1) - 1) + 1;
        if (to <= from) to = head.indexOf(LF, from) + 1; // a line longer than a piece
        lay(nextLayout(), head.subarray(from, to), start + from, false);
        from = to;
      }
      // The rest of the chunk is checked now too, as checkBytes checks a whole chunk before csv-parse reads it.
      checkControls(rest, restStart);
      tail = rest.length > 0 ? [Buffer.from(rest)] : [];
      tailStart = restStart;
      for (let k = 0; k < laid; k++) hand(layouts[k]);
    },
    end() {
      utf8.end();
      if (tail.length === 0) return;
      laid = 0;
      const last = nextLayout();
      lay(last, Buffer.concat(tail), tailStart, true);
      hand(last);
    },
  };
}

/** A typed array twice as long, its first `used` items kept. */
function grow<T extends Int32Array | Uint8Array>(array: T, used: number): T {
  const longer = new (array.constructor as new (length: number) => T)(array.length * 2);
  longer.set(array.subarray(0, used));
  return longer;
}

/**
 * Hands each record of `chunks` (a file's bytes, cut anywhere) to `sink` as csv-parse with
 * `{ bom: true, relax_column_count: true }` would read it. Fails with BadByteError at a byte
 * that is not UTF-8 or a control character, and with NotPlainCsv where this path cannot read
 * the file exactly as csv-parse would; the records before it have been handed over.
 */
export async function plainRecords(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, sink: RecordSink): Promise<void> {
  const reader = plainReader(sink);
  for await (const chunk of chunks) reader.chunk(chunk);
  reader.end();
}

/** plainRecords over the file at `path`. */
export function readPlainRecords(path: string, sink: RecordSink): Promise<void> {
  return plainRecords(fileChunks(path), sink);
}
