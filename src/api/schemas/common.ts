/** Pieces every route's schemas share: IDs, dates, the error body, run options. */
import { z } from "zod";
import { CONTROL_CHARACTER } from "../../domain/plain-text.ts";
import { API_ROLES } from "../../store/index.ts";

/** Text that enters the district's data: any Unicode but control characters (the rule of src/domain/plain-text.ts). */
export const plainText = z
  .string()
  .refine(
    (text) => !CONTROL_CHARACTER.test(text),
    "must not hold control characters (U+0000 to U+001F but tab and line breaks, U+007F)",
  );

/** An opaque ID (school, student, course, section...): any Unicode, apostrophes and spaces included. */
export const idString = plainText.min(1, "must not be empty").max(200, "at most 200 characters");

/** A timestamp as ISO 8601 text. */
export const dateTime = z.string().meta({ format: "date-time" });

export const schoolParams = z.strictObject({ schoolId: idString.meta({ description: "the school's school_id" }) });

export const qualitySchema = z
  .enum(["quick", "full"])
  .meta({ description: "quick: a counselor's pass (seconds); full: the nightly pass" });

export const seedSchema = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
  .meta({ description: "random seed: same problem and seed give the same roster" });

/** A boolean in a query string: `true` or `false`. */
export const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const roleSchema = z.enum(API_ROLES);

export const issueSchema = z.object({
  path: z
    .string()
    .meta({ description: 'where the fault is, e.g. body.requests[2].courseId or body.files["sections.csv"]' }),
  message: z.string(),
  file: z.string().optional().meta({ description: "problem upload: the interchange file at fault" }),
  line: z
    .number()
    .int()
    .optional()
    .meta({ description: "problem upload: the line in that file (1 = header, 0 = the whole file)" }),
  column: z.string().optional().meta({ description: "problem upload: the column at fault" }),
});

export const errorSchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .meta({ description: "stable, machine-readable: unknown_school, invalid_body, forbidden_school, ..." }),
      message: z.string(),
      requestId: z.string().meta({ description: "also in the X-Request-Id header; quote it to the operators" }),
      issues: z.array(issueSchema).optional(),
    }),
  })
  .meta({ id: "Error", description: "Every error. A 5xx says only that the request failed, and which it was." });

export const healthSchema = z.object({
  status: z.literal("ok"),
  store: z.enum(["sqlite", "postgresql"]),
  schools: z.number().int(),
  time: dateTime,
});

export const meSchema = z.object({
  tokenId: z.number().int(),
  name: z.string(),
  role: roleSchema,
  schools: z.array(z.string()),
});
