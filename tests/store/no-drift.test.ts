import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, closeStore, MIGRATIONS_ROOT, openStore } from "../../src/store/index.ts";
import { POSTGRES_SCHEMA, derivedPostgresSchemaText } from "../../scripts/schema/derive-postgres-schema.ts";
import { readDatamodel, SCHEMA_SOURCE, type Datamodel } from "../../scripts/schema/dmmf.ts";
import { introspectShape } from "../../scripts/schema/introspect-shape.ts";
import { expectedShape } from "../../scripts/schema/schema-shape.ts";
import { forEachDatabase } from "./support/databases.ts";

const REGENERATE = "run `npm run schema` and commit the result";

let datamodel: Datamodel;
beforeAll(async () => {
  datamodel = (await readDatamodel(await readFile(SCHEMA_SOURCE, "utf8"))).datamodel;
});

forEachDatabase((database) => {
  afterAll(() => database.destroy());

  it("turns an empty database into exactly the schema that prisma/schema.prisma implies: tables, columns, keys, indexes, foreign keys", async () => {
    const store = await openStore(await database.create());
    try {
      expect(await introspectShape(store)).toEqual(expectedShape(datamodel, store.kind));
    } finally {
      await closeStore(store);
    }
  });

  it("applies nothing the second time, and refuses a migration edited after it was applied", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "mse-migrations-"));
    const url = await database.create();
    try {
      await cp(MIGRATIONS_ROOT, root, { recursive: true });
      const store = await openStore(url, { migrate: false });
      try {
        expect((await applyMigrations(store, root)).length).toBeGreaterThan(0);
        expect(await applyMigrations(store, root)).toEqual([]);
        const [first] = (await import("node:fs")).readdirSync(path.join(root, store.kind)).sort();
        const file = path.join(root, store.kind, first!, "migration.sql");
        await writeFile(file, `${await readFile(file, "utf8")}\n-- edited\n`);
        await expect(applyMigrations(store, root)).rejects.toThrow(
          `migration ${first} was changed after it was applied`,
        );
      } finally {
        await closeStore(store);
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("one schema source", () => {
  it(`keeps prisma/postgresql/schema.prisma derived from prisma/schema.prisma (else ${REGENERATE})`, async () => {
    expect(await readFile(POSTGRES_SCHEMA, "utf8")).toBe(await derivedPostgresSchemaText());
  });

  it("uses only portable column types, so that one schema serves both databases", () => {
    expect(() => expectedShape(datamodel, "sqlite")).not.toThrow();
    expect(Object.keys(expectedShape(datamodel, "postgresql"))).toEqual(
      Object.keys(expectedShape(datamodel, "sqlite")),
    );
  });
});
