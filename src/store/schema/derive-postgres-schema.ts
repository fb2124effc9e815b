/**
 * The PostgreSQL schema is the SQLite source with two lines changed: the datasource provider
 * and the generated client's folder. Keeping it derived keeps one schema source.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SCHEMA_SOURCE } from "./dmmf.ts";

/** prisma/postgresql/schema.prisma: derived, committed so that tools can read it. */
export const POSTGRES_SCHEMA = path.join(path.dirname(SCHEMA_SOURCE), "postgresql/schema.prisma");

const HEADER = "// GENERATED from ../schema.prisma by scripts/prisma-generate.ts: edit that file, not this one.\n";

/** Turns the source schema's text into the PostgreSQL schema's text. */
export function derivePostgresSchema(source: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/src\/store\/generated\/sqlite"/;
  if (!provider.test(source) || !output.test(source)) {
    throw new Error(`${SCHEMA_SOURCE}: expected provider "sqlite" and output "../src/store/generated/sqlite"`);
  }
  return HEADER + source.replace(provider, '$1"postgresql"').replace(output, '$1"../../src/store/generated/postgresql"');
}

/** The derived text for the current source file. */
export async function derivedPostgresSchemaText(): Promise<string> {
  return derivePostgresSchema(await readFile(SCHEMA_SOURCE, "utf8"));
}
