/**
 * The filter grammar of the OneRoster 1.2 REST binding: `field<op>'value'` predicates joined
 * by ` AND ` / ` OR ` (AND binds tighter), with the operators = != > >= < <= and ~ (contains).
 * A dotted field (`school.sourcedId`) looks into a nested object; a predicate on a list holds
 * when it holds for one element. Comparisons are on text, which orders ISO dates correctly.
 */
import { OneRosterError } from "./oneroster-error.ts";

export type Operator = "=" | "!=" | ">" | ">=" | "<" | "<=" | "~";

export interface Predicate {
  path: string[];
  operator: Operator;
  value: string;
}

/** Disjunctive form: the filter holds when every predicate of one of the groups holds. */
export type Filter = Predicate[][];

const PREDICATE = /^\s*([A-Za-z][A-Za-z0-9_.]*)\s*(!=|>=|<=|=|>|<|~)\s*'((?:[^']|'')*)'\s*/;
const JOIN = /^(AND|OR)\s+/;

/** Parses a filter; 400 invalid_filter_field when it is malformed or names a field the objects do not have. */
export function parseFilter(text: string, fields: ReadonlySet<string>): Filter {
  const groups: Filter = [[]];
  let rest = text;
  for (;;) {
    const match = PREDICATE.exec(rest);
    if (!match)
      throw new OneRosterError(
        400,
        "invalid_filter_field",
        `filter: cannot read a predicate (field<op>'value') at ${JSON.stringify(rest.slice(0, 40))}`,
      );
    const path = match[1]!.split(".");
    if (!fields.has(path[0]!))
      throw new OneRosterError(
        400,
        "invalid_filter_field",
        `filter: ${JSON.stringify(match[1])} is not a field of these objects`,
      );
    groups.at(-1)!.push({ path, operator: match[2] as Operator, value: match[3]!.replaceAll("''", "'") });
    rest = rest.slice(match[0].length);
    if (rest === "") return groups;
    const join = JOIN.exec(rest);
    if (!join)
      throw new OneRosterError(
        400,
        "invalid_filter_field",
        `filter: expected AND or OR at ${JSON.stringify(rest.slice(0, 40))}`,
      );
    if (join[1] === "OR") groups.push([]);
    rest = rest.slice(join[0].length);
  }
}

/** True when the object passes the filter. */
export function matches(filter: Filter, object: Record<string, unknown>): boolean {
  return filter.some((group) => group.every((predicate) => holds(predicate, valuesAt(object, predicate.path))));
}

function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (value === null || typeof value !== "object") return [];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

function holds({ operator, value }: Predicate, candidates: unknown[]): boolean {
  const texts = candidates.filter((c) => c !== undefined && c !== null && typeof c !== "object").map(String);
  if (operator === "!=") return texts.every((text) => text !== value);
  return texts.some((text) => {
    switch (operator) {
      case "=":
        return text === value;
      case ">":
        return text > value;
      case ">=":
        return text >= value;
      case "<":
        return text < value;
      case "<=":
        return text <= value;
      case "~":
        return text.toLowerCase().includes(value.toLowerCase());
      default:
        return false;
    }
  });
}
