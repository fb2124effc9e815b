/**
 * Writes the SQL that creates a Prisma data model from an empty database, in the layout of
 * `prisma migrate diff --from-empty --script` (which needs a schema engine we cannot fetch).
 * Used to author a first migration; later migrations are written by hand and the no-drift
 * test checks that all of them together produce exactly the schema.
 */
import type { Datamodel, DmmfModel, Provider } from "./dmmf.ts";
import {
  columnName,
  columnType,
  defaultIndexName,
  isAutoincrement,
  referentialActions,
  tableName,
} from "./schema-shape.ts";

const q = (name: string) => `"${name}"`;
const list = (names: string[]) => names.map(q).join(", ");

/** The CREATE TABLE of one model (foreign keys inline on SQLite, as Prisma writes them). */
function createTable(model: DmmfModel, datamodel: Datamodel, provider: Provider): string {
  const table = tableName(model);
  const id = datamodel.indexes.find((i) => i.model === model.name && i.type === "id");
  const idColumns = id ? id.fields.map((f) => columnName(model.fields.find((x) => x.name === f.name)!)) : [];
  const lines: string[] = [];
  for (const field of model.fields.filter((f) => f.kind === "scalar")) {
    const name = columnName(field);
    if (isAutoincrement(field)) {
      lines.push(
        provider === "sqlite" ? `${q(name)} INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT` : `${q(name)} SERIAL NOT NULL`,
      );
      continue;
    }
    const type =
      provider === "postgresql"
        ? columnType(field, provider).replace("timestamp(3) without time zone", "TIMESTAMP(3)").toUpperCase()
        : columnType(field, provider);
    const inlinePk = provider === "sqlite" && idColumns.length === 1 && idColumns[0] === name ? " PRIMARY KEY" : "";
    lines.push(`${q(name)} ${type}${field.isRequired ? " NOT NULL" : ""}${inlinePk}`);
  }
  const constraints: string[] = [];
  if (provider === "postgresql" && idColumns.length > 0)
    constraints.push(`CONSTRAINT ${q(`${table}_pkey`)} PRIMARY KEY (${list(idColumns)})`);
  if (provider === "sqlite" && idColumns.length > 1) constraints.push(`PRIMARY KEY (${list(idColumns)})`);
  if (provider === "sqlite") constraints.push(...foreignKeys(model, datamodel).map((fk) => fk.inline));
  const body = constraints.length
    ? `${lines.join(",\n    ")},\n\n    ${constraints.join(",\n    ")}`
    : lines.join(",\n    ");
  return `-- CreateTable\nCREATE TABLE ${q(table)} (\n    ${body}\n);\n`;
}

/** The foreign keys of a model, both as an inline constraint and as an ALTER TABLE. */
function foreignKeys(model: DmmfModel, datamodel: Datamodel): { inline: string; alter: string }[] {
  const table = tableName(model);
  return model.fields
    .filter((f) => f.kind === "object" && f.relationFromFields?.length)
    .map((field) => {
      const target = datamodel.models.find((m) => m.name === field.type)!;
      const from = field.relationFromFields!.map((n) => columnName(model.fields.find((f) => f.name === n)!));
      const to = field.relationToFields!.map((n) => columnName(target.fields.find((f) => f.name === n)!));
      const { onDelete, onUpdate } = referentialActions(field, model);
      const name = q(`${table}_${from.join("_")}_fkey`);
      const actions = `ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
      return {
        inline: `CONSTRAINT ${name} FOREIGN KEY (${list(from)}) REFERENCES ${q(tableName(target))} (${list(to)}) ${actions}`,
        alter: `-- AddForeignKey\nALTER TABLE ${q(table)} ADD CONSTRAINT ${name} FOREIGN KEY (${list(from)}) REFERENCES ${q(tableName(target))}(${list(to)}) ${actions};\n`,
      };
    });
}

/** The whole create-from-empty script for a provider. */
export function createSchemaSql(datamodel: Datamodel, provider: Provider): string {
  const parts = datamodel.models.map((m) => createTable(m, datamodel, provider));
  for (const index of datamodel.indexes.filter((i) => i.type === "unique" || i.type === "normal")) {
    const model = datamodel.models.find((m) => m.name === index.model)!;
    const table = tableName(model);
    const columns = index.fields.map((f) => columnName(model.fields.find((x) => x.name === f.name)!));
    const unique = index.type === "unique";
    const name = index.dbName ?? defaultIndexName(table, columns, unique);
    parts.push(`-- CreateIndex\nCREATE ${unique ? "UNIQUE " : ""}INDEX ${q(name)} ON ${q(table)}(${list(columns)});\n`);
  }
  if (provider === "postgresql")
    parts.push(...datamodel.models.flatMap((m) => foreignKeys(m, datamodel).map((fk) => fk.alter)));
  return parts.join("\n");
}
