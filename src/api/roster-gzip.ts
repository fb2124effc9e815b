/**
 * A roster's gzip made from kept pieces, as its JSON is (roster-json.ts). Under late
 * enrollments nearly every roster read gzipped a new megabyte from scratch: 45% of bench:api's
 * requests publish a new roster, and the readers of the last one waited 49-57 ms for zlib on
 * libuv's threads (their queue and this thread's turn to hear back). Yet a placement changes one
 * piece of the seats' JSON in about 65.
 *
 * Each part of the answer (the pieces of the JSON, in order) is deflated on its own, ending in a
 * full flush: the part's deflate bytes are byte-aligned and refer to nothing before them, so the
 * same bytes serve any answer in which that part appears. They are kept beside the part (a
 * WeakMap by the part's buffer: a piece reused by the next roster is the same buffer) with the
 * part's CRC-32. The answer is one standard gzip member: the header, the parts' deflate bytes in
 * order, a final empty block, the CRC-32 of the whole JSON (combined from the parts') and its
 * length. Any client inflates it to the JSON's very bytes.
 *
 * Parts are deflated on this thread: a changed piece (~11 KB) takes ~0.05 ms, less than the
 * round trip through libuv's threadpool, and 65 pieces deflated there at once cost 40-70 ms of
 * CPU against 2-4 ms here (zlib's state allocated per stream, on four threads). A new roster
 * (after a run) has every piece new: those are deflated a slice at a time, giving the loop a
 * turn between slices. Parts too small to gain from deflate (the commas between pieces, the
 * roster's head) go as stored blocks: 5 bytes more than the part, no zlib stream.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";
import { crc32Combine, crc32Shift } from "./crc32-combine.ts";

/** A part as it goes in the gzip: its deflate bytes, its CRC-32 and crc32Shift of its length. */
interface Deflated {
  bytes: Buffer;
  crc: number;
  shift: number;
}

/**
 * zlib's fastest level, on this thread: level 6 made an 800 KB roster's pieces 5% smaller (61.7 KB
 * against 64.9 KB) for 1.6x the CPU per placement and 1.7x for a new roster (5.3 ms against 3.1;
 * bench:roster-answer).
 */
const LEVEL = 1;

/** Parts shorter than this go as stored blocks (deflating a few bytes gains nothing and costs a zlib stream, ~25 µs). */
const STORED_BELOW = 256;

/** At most this many bytes are deflated in one turn of the loop (~0.5-1 ms at level 1). */
const SLICE_BYTES = 256 * 1024;

/** gzip's header: deflate, no name or time, from Unix. */
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
/** The last block: final, fixed Huffman codes, nothing but its end. */
const LAST_BLOCK = Buffer.from([0x03, 0x00]);

/** Each kept part's deflate bytes, by the part's buffer. */
const deflatedParts = new WeakMap<Buffer, Deflated>();
/** Parts being deflated a slice at a time: another answer holding them waits for the same work. */
const inProgress = new WeakMap<Buffer, Promise<void>>();

let bytesDeflated = 0;

/** How many bytes of parts this process has deflated (kept parts are deflated once): for specs and benchmarks. */
export function partBytesDeflated(): number {
  return bytesDeflated;
}

/** A part as one stored block (RFC 1951 3.2.4): its bytes as they are, after a 5-byte header. */
function storedBlock(part: Buffer): Buffer {
  const header = Buffer.from([0x00, 0, 0, 0, 0]);
  header.writeUInt16LE(part.length, 1);
  header.writeUInt16LE(~part.length & 0xffff, 3);
  return Buffer.concat([header, part]);
}

/** Deflates a part (byte-aligned, standing alone) and keeps it. */
function deflatePart(part: Buffer): Deflated {
  bytesDeflated += part.length;
  const deflated = {
    bytes: deflateRawSync(part, { level: LEVEL, finishFlush: constants.Z_FULL_FLUSH }),
    crc: crc32(part),
    shift: crc32Shift(part.length),
  };
  deflatedParts.set(part, deflated);
  return deflated;
}

/** Deflates parts a slice of SLICE_BYTES at a time, the loop getting a turn between slices. */
async function deflateInSlices(parts: readonly Buffer[]): Promise<void> {
  let slice = 0;
  for (const part of parts) {
    if (slice >= SLICE_BYTES) {
      slice = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    deflatePart(part);
    slice += part.length;
  }
}

/** The deflate form of a part: kept, or made now (a stored block for a small one) and kept. */
function partOf(part: Buffer): Deflated {
  const kept = deflatedParts.get(part);
  if (kept) return kept;
  if (part.length >= STORED_BELOW) return deflatePart(part);
  const stored = { bytes: storedBlock(part), crc: crc32(part), shift: crc32Shift(part.length) };
  deflatedParts.set(part, stored);
  return stored;
}

/**
 * The gzip of the parts' bytes one after the other, reusing the deflate bytes of every part
 * (same buffer) already gzipped in an earlier answer.
 */
export async function gzipOfParts(parts: readonly Buffer[]): Promise<Buffer> {
  const waits = new Set<Promise<void>>();
  const missing = new Set<Buffer>();
  let missingBytes = 0;
  for (const part of parts) {
    if (part.length < STORED_BELOW || deflatedParts.has(part) || missing.has(part)) continue;
    const pending = inProgress.get(part);
    if (pending) waits.add(pending);
    else {
      missing.add(part);
      missingBytes += part.length;
    }
  }
  if (missingBytes > SLICE_BYTES) {
    const work = deflateInSlices([...missing]);
    for (const part of missing) inProgress.set(part, work);
    waits.add(work);
    work.finally(() => missing.forEach((part) => inProgress.delete(part))).catch(() => undefined);
  }
  if (waits.size > 0) await Promise.all(waits);

  const out: Buffer[] = [HEADER];
  let crc = 0;
  let length = 0;
  for (const part of parts) {
    if (part.length === 0) continue;
    const deflated = partOf(part);
    out.push(deflated.bytes);
    crc = crc32Combine(crc, deflated.crc, deflated.shift);
    length += part.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  out.push(LAST_BLOCK, trailer);
  return Buffer.concat(out);
}
