import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { NotPlainCsv, plainRecords } from "../../../src/io/interchange/plain-csv-records.ts";

/** The records of `text` fed in chunks of `size` bytes, or "csv-parse" when the fast path gives the file up. */
async function fastRecords(text: string, size?: number): Promise<string[][] | "csv-parse"> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  const step = size ?? (bytes.length || 1);
  for (let i = 0; i < bytes.length; i += step) chunks.push(bytes.subarray(i, i + step));
  const records: string[][] = [];
  try {
    await plainRecords(chunks, {
      line(line, seps, at, count) {
        const cells: string[] = [];
        for (let k = 0; k < count; k++) cells.push(line.slice(seps[at + k] + 1, seps[at + k + 1]));
        records.push(cells);
      },
      record: (cells) => records.push(cells),
    });
  } catch (error) {
    if (error instanceof NotPlainCsv) return "csv-parse";
    throw error;
  }
  return records;
}

/** What csv-parse reads, with the options the interchange reader gives it. */
const csvParse = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true }) as string[][];

describe("plainCsvRecords reads a file exactly as csv-parse does, or leaves it to csv-parse", () => {
  const sameAsCsvParse = [
    ["plain rows", "a,b,c\n1,2,3\n"],
    ["no line break at the end", "a,b\n1,2"],
    ["blank lines, which csv-parse reads as one empty cell", "a,b\n\n1,2\n\n"],
    ["empty cells and spaces kept as they are", "a,b,c\n, x ,\n,,\n"],
    ["CRLF line endings", "a,b\r\n1,2\r\n\r\n3,4\r\n"],
    ["CRLF without one at the end", "a,b\r\n1,2"],
    ["a byte order mark", "\uFEFFschool_id,name\nS,A\n"],
    ["apostrophes", "a,b\nO'Brien,D'Art\n"],
    ["Unicode of every width", "a,b\nMaría José,東京\n😀,Ŝ\n"],
    ["quoted cells, commas and doubled quotes inside", 'a,b\n"Smith, Jr.","say ""hi"""\nx,y\n'],
    ["a quoted header", '"school_id","student_id"\nS,1\n'],
    ["a quoted last line without a line break", 'a,b\n"x,y",z'],
    ["CRLF and quoted cells", 'a,b\r\n"Smith, Jr.",x\r\n'],
    ["an empty file", ""],
    ["only a byte order mark", "\uFEFF"],
    ["only a line break", "\n"],
  ] as const;

  for (const [what, text] of sameAsCsvParse) {
    it(`reads ${what} as csv-parse does`, async () => {
      expect(await fastRecords(text)).toEqual(csvParse(text));
    });
  }

  it("reads the same records whatever the chunks (lines and UTF-8 characters cut at any byte)", async () => {
    const text = '\uFEFFa,b,c\nMaría,"Smith, Jr.",😀\n\nO\'Brien,,x\n1,2,3';
    for (const size of [1, 2, 3, 5, 7, 64]) expect(await fastRecords(text, size)).toEqual(csvParse(text));
  });

  it("reads a chunk of many pieces, and a line longer than a piece (64 KiB), as csv-parse does", async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) =>
      i % 97 === 0 ? `"Smith, Jr. ${i}",María,${i}` : i % 89 === 0 ? "" : `S-${i},O'Brien 😀,${i}`,
    );
    rows.splice(12_345, 0, `long,${"x".repeat(70_000)},1`);
    for (const eol of ["\n", "\r\n"]) {
      const text = `a,b,c${eol}${rows.join(eol)}${eol}`;
      expect(await fastRecords(text, 1 << 20)).toEqual(csvParse(text));
    }
  });

  const leftToCsvParse = [
    ["a quoted cell over two lines", 'a,b\n"Lab\n2",x\n'],
    ["an unclosed quote", 'a,b\n"x,y\n'],
    ["a quote inside an unquoted cell", 'a,b\nO"Brien,x\n'],
    ["text after a closing quote", 'a,b\n"x"y,z\n'],
    ["a CR inside a file of LF lines", "a,b\nx\ry,z\n"],
    ["an LF line in a file of CRLF lines", "a,b\r\nx,y\nz,w\r\n"],
    ["a CR at the very end", "a,b\r\n1,2\r"],
    ["a CR line ending alone", "a,b\r1,2\r"],
  ] as const;

  for (const [what, text] of leftToCsvParse) {
    it(`leaves ${what} to csv-parse`, async () => {
      expect(await fastRecords(text)).toBe("csv-parse");
    });
  }

  it("leaves a file quoted throughout to csv-parse streaming it, cheaper than a line at a time", async () => {
    const text = `"a","b"\n${'"x","y"\n'.repeat(3000)}`;
    expect(await fastRecords(text)).toBe("csv-parse");
  });

  it("agrees with csv-parse on random plain and quoted files", async () => {
    // A small deterministic generator: cells from a pool of awkward texts.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cells = ["", "x", " y ", "O'Brien", "María", "東京", "😀", '"Smith, Jr."', '"a ""b"""', "1", "-3"];
    for (let file = 0; file < 200; file++) {
      const eol = random(2) === 0 ? "\n" : "\r\n";
      const lines = Array.from({ length: 1 + random(6) }, () =>
        Array.from({ length: 1 + random(4) }, () => cells[random(cells.length)]).join(","),
      );
      const text = (random(3) === 0 ? "\uFEFF" : "") + lines.join(eol) + (random(2) === 0 ? eol : "");
      const fast = await fastRecords(text, 1 + random(9));
      if (fast !== "csv-parse") expect(fast, JSON.stringify(text)).toEqual(csvParse(text));
    }
  });

  it("reads awkwardly quoted lines as csv-parse does, or leaves them to it where csv-parse refuses them", async () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cells = ["x", "", '""', '""""', '"a,b"', '"a""b"', '"a" ', ' "a"', 'a"b', '"x"y', '"a', '"', "O'Brien"];
    for (let file = 0; file < 300; file++) {
      const lines = Array.from({ length: 1 + random(4) }, () =>
        Array.from({ length: 1 + random(4) }, () => cells[random(cells.length)]).join(","),
      );
      const text = lines.join("\n") + "\n";
      let expected: string[][] | "refused";
      try {
        expected = csvParse(text);
      } catch {
        expected = "refused";
      }
      const fast = await fastRecords(text, 1 + random(9));
      if (expected === "refused") expect(fast, JSON.stringify(text)).toBe("csv-parse");
      else if (fast !== "csv-parse") expect(fast, JSON.stringify(text)).toEqual(expected);
    }
  });
});
