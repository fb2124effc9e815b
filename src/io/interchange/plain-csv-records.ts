/**
 * The fast path of reading CSV: a line without a quote character, in a file with one kind of
 * line ending, is cell for cell the line split at its commas. District exports are almost all
 * such lines (IDs, numbers, plain names), and splitting them takes a sixth of csv-parse's
 * time (measured on 676,000 request rows, one core: csv-parse 3.1-4.1 s, papaparse 1.3-1.9 s,
 * this 0.4-0.55 s). A line with quotes (a name like "Smith, Jr.") is parsed by csv-parse on
 * its own: at a record's start csv-parse's state is fresh, so a line it reads as one whole
 * record is that record in the file too. Anything else (a quoted cell over several lines,
 * broken quoting, a CR that is not every line's CRLF, a file quoted throughout) stops this
 * path with NotPlainCsv, and the caller reads the file with csv-parse from the start, which
 * keeps every quoting rule and every message about broken CSV csv-parse's own.
 */
import { Writable, type WritableOptions } from "node:stream";
import { parse } from "csv-parse/sync";

/** The file holds something this path does not read exactly as csv-parse would: read it with csv-parse. */
export class NotPlainCsv extends Error {
  constructor() {
    super("the file holds quotes or mixed line endings: read it with csv-parse");
    this.name = "NotPlainCsv";
  }
}

const QUOTE = '"';
const CR = "\r";
const BOM = "\uFEFF";
/** Past this many quoted lines, and once they are half the file, csv-parse streaming the file is cheaper (a line alone costs it about 8 µs). */
const QUOTED_LINES_ALONE = 1000;

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

/**
 * A stream that takes a file's bytes (whole UTF-8 characters per chunk, as checkBytes hands
 * them) and hands each record to `onRecord` exactly as csv-parse with `{ bom: true,
 * relax_column_count: true }` would: cells as text, a blank line as one empty cell, no record
 * for the end of the file. Fails with NotPlainCsv at the first chunk it cannot read so.
 */
export function plainCsvRecords(onRecord: (record: string[]) => void): Writable {
  let carry = "";
  let first = true;
  /** The line ending, known from the first line: csv-parse takes the first one it meets. */
  let crlf: boolean | undefined;
  let records = 0;
  let quoted = 0;

  /** Hands over every complete line of `text`; returns the unfinished rest. */
  const lines = (text: string): string => {
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      let line = text.slice(start, end);
      start = end + 1;
      crlf ??= line.endsWith(CR);
      if (crlf) {
        if (line.indexOf(CR) !== line.length - 1) throw new NotPlainCsv();
        line = line.slice(0, -1);
      } else if (line.includes(CR)) throw new NotPlainCsv();
      records++;
      if (!line.includes(QUOTE)) onRecord(line.split(","));
      else if (++quoted > QUOTED_LINES_ALONE && quoted * 2 > records) throw new NotPlainCsv();
      else onRecord(quotedLine(line));
    }
    return text.slice(start);
  };

  const options: WritableOptions = {
    write(chunk: Buffer, _encoding, done) {
      try {
        let text = chunk.toString("utf8");
        if (first && text !== "") {
          first = false;
          if (text.startsWith(BOM)) text = text.slice(1);
        }
        carry = lines(carry + text);
      } catch (error) {
        return done(error as Error);
      }
      done();
    },
    final(done) {
      try {
        // The last line without a line ending: a record unless empty. A CR there would be
        // kept or taken as a line ending depending on what came before: csv-parse decides.
        if (carry.includes(CR)) throw new NotPlainCsv();
        if (carry !== "") onRecord(carry.includes(QUOTE) ? quotedLine(carry) : carry.split(","));
      } catch (error) {
        return done(error as Error);
      }
      done();
    },
  };
  return new Writable(options);
}
