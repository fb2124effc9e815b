/**
 * Zod schemas for single CSV cells of interchange v1. The reader hands every cell over
 * as a string, or `undefined` when the cell is empty ("not given"), so each schema takes
 * `string | undefined` and turns it into the domain value, with a message that names
 * the offending text.
 */
import { z } from "zod";
import { GRADE_MAX, GRADE_MIN } from "../../../domain/problem.ts";

const quote = (s: string): string => JSON.stringify(s);

/** A cell that must be given and is kept byte for byte (IDs, names). */
export const requiredText = z.string({ error: "is required" });

/** A cell that may be empty and is kept byte for byte. */
export const optionalText = z.string().optional();

/**
 * A cell parsed by `parse`, which returns undefined for text it rejects; `expected`
 * completes "must be ..." in the message.
 */
function parsedCell<T>(expected: string, parse: (text: string) => T | undefined) {
  return z.string({ error: "is required" }).transform((text, ctx) => {
    const value = parse(text);
    if (value === undefined) {
      ctx.issues.push({ code: "custom", message: `must be ${expected}; got ${quote(text)}`, input: text });
      return z.NEVER;
    }
    return value;
  });
}

const WHOLE_NUMBER = /^[+-]?\d+$/;
const DECIMAL_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The value of `text` when it is 1 to 9 ASCII digits, else -1: most number cells of a district
 * (5.6 million priorities and grades), read without a trim, a regular expression or Number.
 */
function plainDigits(text: string): number {
  const length = text.length;
  if (length === 0 || length > 9) return -1;
  let n = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** Parses a whole number within min..max, or undefined. */
export function parseWholeNumber(text: string, min: number, max: number): number | undefined {
  const plain = plainDigits(text);
  if (plain >= 0) return plain >= min && plain <= max ? plain : undefined;
  const t = text.trim();
  if (!WHOLE_NUMBER.test(t)) return undefined;
  // `+ 0` turns "-0" into 0, which is what the writer would write back.
  const n = Number(t) + 0;
  return n >= min && n <= max ? n : undefined;
}

/** Parses a grade: -1..12, `TK` (= -1) or `K` (= 0), any case. */
export function parseGrade(text: string): number | undefined {
  const plain = plainDigits(text);
  if (plain >= 0) return plain <= GRADE_MAX ? plain : undefined;
  const t = text.trim().toUpperCase();
  if (t === "TK") return -1;
  if (t === "K") return 0;
  return parseWholeNumber(t, GRADE_MIN, GRADE_MAX);
}

/** Parses true/false, 1/0, yes/no in any case. */
export function parseBoolean(text: string): boolean | undefined {
  // As the file most often spells them: no trimmed, lower-cased copy.
  if (text === "false") return false;
  if (text === "true") return true;
  switch (text.trim().toLowerCase()) {
    case "true":
    case "1":
    case "yes":
      return true;
    case "false":
    case "0":
    case "no":
      return false;
    default:
      return undefined;
  }
}

/** Splits a `;`-separated list, trimming items and dropping empty ones. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  for (const part of text.split(";")) {
    const item = part.trim();
    if (item !== "") items.push(item);
  }
  return items;
}

/** A grade: -1 (TK) to 12, `TK` or `K`. */
export const gradeCell = parsedCell(`a grade from ${GRADE_MIN} (TK) to ${GRADE_MAX}, TK or K`, parseGrade);

/** A whole number within min..max, described for messages. */
export function wholeNumberCell(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  const expected =
    max === Number.MAX_SAFE_INTEGER ? `a whole number of ${min} or more` : `a whole number from ${min} to ${max}`;
  return parsedCell(expected, (text) => parseWholeNumber(text, min, max));
}

/** A count that cannot be negative: capacities, loads. */
export const countCell = wholeNumberCell(0);

/** Parses a non-negative decimal number, e.g. credits `0.5`, or undefined. */
export function parseNonNegativeNumber(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL_NUMBER.test(t)) return undefined;
  const n = Number(t) + 0;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** A non-negative decimal number, e.g. credits `0.5`. */
export const nonNegativeNumberCell = parsedCell("a number of 0 or more", parseNonNegativeNumber);

/** A boolean; an empty cell is false. */
export const booleanCell = parsedCell("true/false, 1/0 or yes/no", parseBoolean).default(false);

/** Parses one of a fixed set of words, any case, or undefined. */
export function parseChoice<const T extends readonly string[]>(text: string, choices: T): T[number] | undefined {
  const t = text.trim().toLowerCase();
  return choices.find((c) => c === t);
}

/** One of a fixed set of words, any case. */
export function choiceCell<const T extends readonly string[]>(choices: T) {
  return parsedCell(`one of ${choices.join(", ")}`, (text) => parseChoice(text, choices));
}

/** A `;`-separated list of IDs; an empty cell is the empty list. */
export const idListCell = z
  .string()
  .transform(splitList)
  .default(() => []);

/** Parses a `;`-separated list of whole numbers within min..max, or undefined if an item is not one. */
export function parseWholeNumberList(text: string, min: number, max: number): number[] | undefined {
  const numbers: number[] = [];
  for (const item of splitList(text)) {
    const n = parseWholeNumber(item, min, max);
    if (n === undefined) return undefined;
    numbers.push(n);
  }
  return numbers;
}

/** A `;`-separated list of whole numbers within min..max; an empty cell is the empty list. */
export function wholeNumberListCell(min: number, max: number) {
  return parsedCell(`a list of whole numbers from ${min} to ${max} separated by ;`, (text) =>
    parseWholeNumberList(text, min, max),
  ).default(() => []);
}
