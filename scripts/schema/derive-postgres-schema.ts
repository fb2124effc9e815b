/**
 * The PostgreSQL schema is the SQLite source with one line changed: the datasource provider.
 * Keeping it derived keeps one schema source.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SCHEMA_SOURCE } from "./dmmf.ts";

/** prisma/postgresql/schema.prisma: derived, committed so that tools can read it. */
export const POSTGRES_SCHEMA = path.join(path.dirname(SCHEMA_SOURCE), "postgresql/schema.prisma");

const HEADER = "// GENERATED from ../schema.prisma by scripts/schema/write-schemas.ts: edit that file, not this one.\n";

/** Turns the source schema's text into the PostgreSQL schema's text. */
export function derivePostgresSchema(source: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  if (!provider.test(source)) throw new Error(`${SCHEMA_SOURCE}: expected provider "sqlite"`);
  return HEADER + source.replace(provider, '$1"postgresql"');
}

/** The derived text for the current source file. */
export async function derivedPostgresSchemaText(): Promise<string> {
  return derivePostgresSchema(await readFile(SCHEMA_SOURCE, "utf8"));
}
