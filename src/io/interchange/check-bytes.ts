/**
 * Checks a file's bytes before they are parsed: they must be UTF-8 and hold no control
 * character (see src/domain/plain-text.ts). Node would otherwise decode a Latin-1 "é" as
 * U+FFFD without a word, and the damage would travel into the roster and the store. The
 * good path costs one native UTF-8 check and one regular expression per chunk; only a bad
 * file is read again, to say on which line and in which column the first bad byte is.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { isUtf8 } from "node:buffer";
import { Transform, type TransformCallback } from "node:stream";
import { CONTROL_CHARACTER } from "../../domain/plain-text.ts";

/** The file has a byte that is not UTF-8, or a control character, at `offset`. */
export class BadByteError extends Error {
  constructor(
    readonly offset: number,
    readonly byte: number,
    readonly kind: "not-utf8" | "control",
  ) {
    super(`bad byte 0x${byte.toString(16).toUpperCase().padStart(2, "0")} at offset ${offset}`);
    this.name = "BadByteError";
  }
}

/** Bytes at the end of `buf` that begin a UTF-8 character the next chunk completes. */
function incompleteTail(buf: Buffer): number {
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** The offset of the first byte that breaks UTF-8 in `buf` (which is known to hold one). */
function firstNonUtf8(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || !isUtf8(buf.subarray(i, i + length))) return i;
    i += length;
  }
  return buf.length - 1;
}

/** The UTF-8 check of a file read chunk by chunk. */
export interface Utf8Check {
  /**
   * The chunk's whole characters, after the bytes of a character the previous chunk cut
   * short; the bytes of one this chunk cuts short wait for the next. Throws BadByteError at
   * the first byte that is not UTF-8. `start` is the file offset of the first byte returned.
   */
  next(chunk: Buffer): { head: Buffer; start: number };
  /** The file has ended: throws BadByteError if it ended inside a character. */
  end(): void;
}

/** A UTF-8 check, before the file's first chunk. */
export function utf8Check(): Utf8Check {
  let offset = 0;
  let carry: Buffer | undefined;
  return {
    next(chunk) {
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      const start = offset - (carry?.length ?? 0);
      const keep = incompleteTail(buf);
      const head = keep > 0 ? buf.subarray(0, buf.length - keep) : buf;
      carry = keep > 0 ? Buffer.from(buf.subarray(buf.length - keep)) : undefined;
      offset += chunk.length;
      if (!isUtf8(head)) {
        const at = firstNonUtf8(head);
        throw new BadByteError(start + at, head[at], "not-utf8");
      }
      return { head, start };
    },
    end() {
      if (carry) throw new BadByteError(offset - carry.length, carry[0], "not-utf8");
    },
  };
}

/**
 * True for the character codes CONTROL_CHARACTER matches (src/domain/plain-text.ts): for
 * a reader that looks at every character anyway, one comparison more per character instead
 * of a second pass over the text. A spec compares the two over every code.
 */
export function isControlCode(code: number): boolean {
  return code < 32 ? code !== 9 && code !== 10 && code !== 13 : code === 127;
}

/** A pass-through stream that fails with BadByteError at the first bad byte. */
export function checkBytes(): Transform {
  const utf8 = utf8Check();
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      let head: Buffer;
      let start: number;
      try {
        ({ head, start } = utf8.next(chunk));
      } catch (error) {
        return done(error as Error);
      }
      // Control characters are single bytes in UTF-8 (no multi-byte sequence holds one), so
      // reading the bytes as Latin-1 finds them without decoding.
      const control = CONTROL_CHARACTER.exec(head.toString("latin1"));
      if (control) return done(new BadByteError(start + control.index, head[control.index], "control"));
      done(null, head);
    },
    flush(done: TransformCallback) {
      try {
        utf8.end();
      } catch (error) {
        return done(error as Error);
      }
      done();
    },
  });
}

/**
 * Where byte `offset` of a CSV file is: its physical line (1 = the header), and the header's
 * name of the cell it is in (quotes followed, so a comma inside a quoted cell is not a
 * separator); no name when the byte is in the header itself.
 */
export async function locateByte(path: string, offset: number): Promise<{ line: number; column: string }> {
  let line = 1;
  let cell = 0;
  let quoted = false;
  let at = 0;
  let headerEnd = -1;
  for await (const chunk of createReadStream(path, {
    end: Math.max(0, offset - 1),
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length && at < offset; i++, at++) {
      const b = chunk[i];
      if (b === 0x0a) line++;
      if (b === 0x22)
        quoted = !quoted; // "" inside quotes toggles twice: no change
      else if (!quoted && b === 0x2c) cell++;
      else if (!quoted && b === 0x0a) {
        cell = 0;
        if (headerEnd < 0) headerEnd = at;
      }
    }
  }
  if (headerEnd < 0) return { line, column: "" };
  const header = Buffer.alloc(headerEnd);
  const file = await open(path, "r");
  try {
    await file.read(header, 0, headerEnd, 0);
  } finally {
    await file.close();
  }
  const [names = []] = parse(header, { bom: true, relax_column_count: true }) as string[][];
  return { line, column: names[cell]?.trim() ?? "" };
}
