/**
 * The hash an Idempotency-Key keeps of a request's body: SHA-256 of its canonical JSON (keys
 * sorted, at every depth) after the body schema has filled in the defaults. A retry that sends
 * its keys in another order, or writes a default out, is the same request.
 */
import { createHash } from "node:crypto";
import { stringify } from "safe-stable-stringify";

/** Hex SHA-256 of the value's canonical JSON. */
export function canonicalHash(value: unknown): string {
  return createHash("sha256")
    .update(stringify(value ?? null) ?? "null")
    .digest("hex");
}
