/**
 * The Prisma schema as data (Prisma's DMMF), read without a schema engine: `prisma generate`
 * runs a tiny generator (prisma-dmmf-generator.mjs beside this file) that writes the parsed data model
 * to a file. The no-drift test and the SQL writer both start from it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export type Provider = "sqlite" | "postgresql";

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isUnique: boolean;
  isId: boolean;
  type: string;
  nativeType?: unknown;
  default?: { name: string; args: unknown[] } | string | number | boolean;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

export interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  fields: { name: string }[];
}

export interface Datamodel {
  models: DmmfModel[];
  indexes: DmmfIndex[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
/** prisma/schema.prisma: the one schema source. */
export const SCHEMA_SOURCE = path.join(root, "prisma/schema.prisma");
const PRISMA_BIN = path.join(root, "node_modules/.bin/prisma");
const GENERATOR = path.join(here, "prisma-dmmf-generator.mjs");

/** Replaces the schema's generator blocks with one that dumps the DMMF to `outFile`. */
function withDmmfGenerator(schema: string, outFile: string): string {
  const withoutGenerators = schema.replace(/^generator\s+\w+\s*\{[^}]*\}\s*$/gm, "");
  return `${withoutGenerators}\ngenerator dmmf {\n  provider = ${JSON.stringify(`node ${GENERATOR}`)}\n  output   = ${JSON.stringify(outFile)}\n}\n`;
}

/** Parses a Prisma schema text into its data model, through the Prisma CLI (offline). */
export async function readDatamodel(schemaText: string): Promise<{ provider: Provider; datamodel: Datamodel }> {
  const dir = await mkdtemp(path.join(tmpdir(), "mse-dmmf-"));
  try {
    const schemaFile = path.join(dir, "schema.prisma");
    const outFile = path.join(dir, "dmmf.json");
    await writeFile(schemaFile, withDmmfGenerator(schemaText, outFile));
    // The CLI wants a schema engine binary it would download; generate never calls it.
    await promisify(execFile)(PRISMA_BIN, ["generate", "--schema", schemaFile], {
      cwd: dir,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
    return JSON.parse(await readFile(outFile, "utf8"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
