/**
 * A collection read of the rostering service: paging (limit, offset, X-Total-Count, Link),
 * sorting (sort, orderBy), field selection (fields) and filtering (filter), over objects that
 * are built only when a page needs them.
 *
 * A collection is a list of segments (a school's classes, its enrollments, ...), each with a
 * count and a way to build its i-th object. Without filter or sort a page builds only its own
 * objects; a filter or a sort builds every object of the collection once.
 */
import type { Request, Response } from "express";
import { z } from "zod";
import { matches, parseFilter } from "./filter.ts";
import { OneRosterError } from "./oneroster-error.ts";
import type { Resource } from "./resources.ts";

/** A run of objects of one school (or of the district). */
export interface Segment {
  count: number;
  /** The i-th object, or undefined to skip it (a student without demographics). */
  at(index: number): Resource | undefined;
}

/** A segment over an array. */
export function arraySegment<T>(items: readonly T[], build: (item: T, index: number) => Resource | undefined): Segment {
  return { count: items.length, at: (index) => build(items[index]!, index) };
}

export const DEFAULT_LIMIT = 100;
/** The most objects one page may hold: a district syncs its enrollments ten thousand at a time. */
export const MAX_LIMIT = 10_000;

const querySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.string().max(200).optional(),
  orderBy: z.enum(["asc", "desc"]).default("asc"),
  fields: z.string().max(2000).optional(),
  filter: z.string().max(2000).optional(),
});

export type CollectionQuery = z.infer<typeof querySchema>;

/** The paging, sorting, selection and filter parameters of a request; 400 invaliddata when one is malformed. */
export function parseCollectionQuery(query: Request["query"]): CollectionQuery {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OneRosterError(400, "invaliddata", `${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data;
}

/** Keeps only the selected fields of an object (unknown ones are ignored, as the binding allows). */
export function selectFields(object: Resource, fields: string | undefined): Resource {
  if (!fields) return object;
  const wanted = fields.split(",").map((f) => f.trim());
  return Object.fromEntries(wanted.filter((f) => f in object).map((f) => [f, object[f]]));
}

/**
 * Answers a collection read: the page of objects under `key` ("classes", "users", ...) with
 * X-Total-Count and a Link header (first, prev, next, last) that keeps the request's other
 * parameters. `fieldNames` are the fields a filter may name.
 */
export function sendCollection(
  req: Request,
  res: Response,
  key: string,
  segments: Segment[],
  fieldNames: ReadonlySet<string>,
): void {
  const query = parseCollectionQuery(req.query);
  const filter = query.filter ? parseFilter(query.filter, fieldNames) : undefined;
  let page: Resource[];
  let total: number;
  if (!filter && !query.sort) {
    total = segments.reduce((sum, segment) => sum + segment.count, 0);
    page = pageOf(segments, query.offset, query.limit);
  } else {
    let all: Resource[] = [];
    for (const segment of segments) {
      for (let i = 0; i < segment.count; i++) {
        const object = segment.at(i);
        if (object && (!filter || matches(filter, object))) all.push(object);
      }
    }
    if (query.sort && fieldNames.has(query.sort)) all = sortBy(all, query.sort, query.orderBy);
    total = all.length;
    page = all.slice(query.offset, query.offset + query.limit);
  }
  res.set("X-Total-Count", String(total));
  const links = pageLinks(req, query, total);
  if (links) res.set("Link", links);
  res.json({ [key]: page.map((object) => selectFields(object, query.fields)) });
}

function pageOf(segments: Segment[], offset: number, limit: number): Resource[] {
  const page: Resource[] = [];
  let skip = offset;
  for (const segment of segments) {
    if (page.length >= limit) break;
    if (skip >= segment.count) {
      skip -= segment.count;
      continue;
    }
    for (let i = skip; i < segment.count && page.length < limit; i++) {
      const object = segment.at(i);
      if (object) page.push(object);
    }
    skip = 0;
  }
  return page;
}

function sortBy(objects: Resource[], field: string, order: "asc" | "desc"): Resource[] {
  const key = (object: Resource) => {
    const value = object[field];
    return value === undefined || value === null
      ? ""
      : typeof value === "object"
        ? JSON.stringify(value)
        : String(value);
  };
  const keyed = objects.map((object) => [key(object), object] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (order === "desc") keyed.reverse();
  return keyed.map(([, object]) => object);
}

function pageLinks(req: Request, query: CollectionQuery, total: number): string | undefined {
  const at = (offset: number) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(req.query))
      if (typeof value === "string" && name !== "offset" && name !== "limit") params.set(name, value);
    params.set("limit", String(query.limit));
    params.set("offset", String(offset));
    return `<${req.baseUrl}${req.path}?${params.toString()}>`;
  };
  const last = total === 0 ? 0 : Math.floor((total - 1) / query.limit) * query.limit;
  const links = [`${at(0)}; rel="first"`, `${at(last)}; rel="last"`];
  if (query.offset + query.limit < total) links.push(`${at(query.offset + query.limit)}; rel="next"`);
  if (query.offset > 0) links.push(`${at(Math.max(0, query.offset - query.limit))}; rel="prev"`);
  return links.join(", ");
}
