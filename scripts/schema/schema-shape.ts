/**
 * A database schema reduced to what matters for drift: tables, their columns (type,
 * nullability, autoincrement), primary key, indexes and foreign keys. Built either from the
 * Prisma data model (what the schema implies) or by introspecting a live database.
 */
import type { Datamodel, DmmfField, DmmfModel, Provider } from "./dmmf.ts";

export interface ColumnShape {
  type: string;
  notNull: boolean;
  autoincrement: boolean;
}

export interface IndexShape {
  name: string;
  unique: boolean;
  columns: string[];
}

export interface ForeignKeyShape {
  columns: string[];
  table: string;
  references: string[];
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export type SchemaShape = Record<string, TableShape>;

const COLUMN_TYPES: Record<Provider, Record<string, string>> = {
  sqlite: {
    String: "TEXT",
    Int: "INTEGER",
    BigInt: "BIGINT",
    Float: "REAL",
    Boolean: "BOOLEAN",
    DateTime: "DATETIME",
    Json: "JSONB",
  },
  postgresql: {
    String: "text",
    Int: "integer",
    BigInt: "bigint",
    Float: "double precision",
    Boolean: "boolean",
    DateTime: "timestamp(3) without time zone",
    Json: "jsonb",
  },
};

/** Prisma's referential actions, as databases spell them. */
const ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

/** The table name of a model. */
export function tableName(model: DmmfModel): string {
  return model.dbName ?? model.name;
}

/** The column name of a scalar field. */
export function columnName(field: DmmfField): string {
  return field.dbName ?? field.name;
}

/** Whether a field holds `@default(autoincrement())`. */
export function isAutoincrement(field: DmmfField): boolean {
  return typeof field.default === "object" && field.default !== null && field.default.name === "autoincrement";
}

/** The SQL type Prisma gives a scalar field on a provider. */
export function columnType(field: DmmfField, provider: Provider): string {
  if (field.nativeType) throw new Error(`field ${field.name}: native types are not portable between the two databases`);
  const type = COLUMN_TYPES[provider][field.type];
  if (!type || field.isList)
    throw new Error(`field ${field.name}: type ${field.type}${field.isList ? "[]" : ""} has no portable column type`);
  return type;
}

/** A relation field's ON DELETE / ON UPDATE, with Prisma's defaults filled in. */
export function referentialActions(field: DmmfField, model: DmmfModel): { onDelete: string; onUpdate: string } {
  const from = (field.relationFromFields ?? []).map((name) => model.fields.find((f) => f.name === name)!);
  const required = from.every((f) => f.isRequired);
  return {
    onDelete: ACTIONS[field.relationOnDelete ?? (required ? "Restrict" : "SetNull")]!,
    onUpdate: ACTIONS[field.relationOnUpdate ?? "Cascade"]!,
  };
}

/** Prisma's default name for an index: `table_col1_col2_key` (unique) or `..._idx`. */
export function defaultIndexName(table: string, columns: string[], unique: boolean): string {
  return `${table}_${columns.join("_")}_${unique ? "key" : "idx"}`;
}

/** Sorts the parts of a shape whose order carries no meaning, so shapes compare with deep equality. */
export function normalizeShape(shape: SchemaShape): SchemaShape {
  const out: SchemaShape = {};
  for (const name of Object.keys(shape).sort()) {
    const t = shape[name]!;
    out[name] = {
      columns: Object.fromEntries(
        Object.keys(t.columns)
          .sort()
          .map((c) => [c, t.columns[c]!]),
      ),
      primaryKey: t.primaryKey,
      indexes: [...t.indexes].sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: [...t.foreignKeys].sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    };
  }
  return out;
}

/** The schema a Prisma data model implies on a provider. */
export function expectedShape(datamodel: Datamodel, provider: Provider): SchemaShape {
  const shape: SchemaShape = {};
  const byName = new Map(datamodel.models.map((m) => [m.name, m]));
  const column = (model: DmmfModel, fieldName: string) => columnName(model.fields.find((f) => f.name === fieldName)!);
  for (const model of datamodel.models) {
    const table = tableName(model);
    const columns: Record<string, ColumnShape> = {};
    const foreignKeys: ForeignKeyShape[] = [];
    for (const field of model.fields) {
      if (field.kind === "scalar") {
        columns[columnName(field)] = {
          type: columnType(field, provider),
          notNull: field.isRequired,
          autoincrement: isAutoincrement(field),
        };
      } else if (field.kind === "object" && field.relationFromFields?.length) {
        const target = byName.get(field.type)!;
        foreignKeys.push({
          columns: field.relationFromFields.map((f) => column(model, f)),
          table: tableName(target),
          references: field.relationToFields!.map((f) => column(target, f)),
          ...referentialActions(field, model),
        });
      }
    }
    shape[table] = { columns, primaryKey: [], indexes: [], foreignKeys };
  }
  for (const index of datamodel.indexes) {
    const model = byName.get(index.model)!;
    const table = tableName(model);
    const columns = index.fields.map((f) => column(model, f.name));
    if (index.type === "id") shape[table]!.primaryKey = columns;
    else if (index.type === "unique" || index.type === "normal") {
      const unique = index.type === "unique";
      shape[table]!.indexes.push({ name: index.dbName ?? defaultIndexName(table, columns, unique), unique, columns });
    } else throw new Error(`${index.model}: ${index.type} indexes are not portable`);
  }
  return normalizeShape(shape);
}
