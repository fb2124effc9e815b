/**
 * Rewrites what derives from prisma/schema.prisma, offline (`npm run schema`):
 *   npx tsx scripts/schema/write-schemas.ts            format the source schema and derive prisma/postgresql/schema.prisma
 *   npx tsx scripts/schema/write-schemas.ts --sql DIR  also print the create-from-empty SQL of each
 *                                                      provider into DIR (to author a migration)
 * No Prisma client is generated: src/store runs SQL through its dialects. The Prisma CLI's
 * schema engine is a binary it downloads; `format` does not use it, so it is pointed at
 * /bin/true. Never use `prisma migrate` or `db push` here: they silently do nothing.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { POSTGRES_SCHEMA, derivedPostgresSchemaText } from "./derive-postgres-schema.ts";
import { SCHEMA_SOURCE, readDatamodel } from "./dmmf.ts";
import { createSchemaSql } from "./create-schema-sql.ts";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const prisma = path.resolve("node_modules/.bin/prisma");

execFileSync(prisma, ["format", "--schema", SCHEMA_SOURCE], { env, stdio: "inherit" });
writeFileSync(POSTGRES_SCHEMA, await derivedPostgresSchemaText());

const sqlIndex = process.argv.indexOf("--sql");
if (sqlIndex > 0) {
  const out = process.argv[sqlIndex + 1] ?? "tmp/schema-sql";
  mkdirSync(out, { recursive: true });
  const { datamodel } = await readDatamodel(readFileSync(SCHEMA_SOURCE, "utf8"));
  for (const provider of ["sqlite", "postgresql"] as const) {
    writeFileSync(path.join(out, `${provider}.sql`), createSchemaSql(datamodel, provider));
  }
  console.log(`create-from-empty SQL written to ${out}/`);
}
