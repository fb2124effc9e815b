/**
 * Reads the schema of a live database (tables, columns, keys, indexes, foreign keys) into the
 * same shape that expectedShape derives from the Prisma schema, so that the two can be compared.
 */
import { MIGRATIONS_TABLE, type Store } from "../../src/store/index.ts";
import {
  normalizeShape,
  type ForeignKeyShape,
  type IndexShape,
  type SchemaShape,
  type TableShape,
} from "./schema-shape.ts";

type Row = Record<string, unknown>;

async function sqliteTable(store: Store, table: string, createSql: string): Promise<TableShape> {
  const q = (sql: string, ...args: unknown[]) => store.db.query<Row>(sql, args);
  const info = await q(`SELECT name, type, "notnull" AS not_null, pk FROM pragma_table_info($1)`, table);
  const autoincrement = /AUTOINCREMENT/i.test(createSql);
  const primaryKey = info
    .filter((c) => Number(c.pk) > 0)
    .sort((a, b) => Number(a.pk) - Number(b.pk))
    .map((c) => String(c.name));
  const columns = Object.fromEntries(
    info.map((c) => [
      String(c.name),
      {
        type: String(c.type),
        notNull: Number(c.not_null) === 1,
        autoincrement: autoincrement && primaryKey.length === 1 && primaryKey[0] === c.name,
      },
    ]),
  );
  const indexes: IndexShape[] = [];
  for (const index of await q(`SELECT name, "unique" AS is_unique, origin FROM pragma_index_list($1)`, table)) {
    if (index.origin === "pk") continue;
    const cols = await q(`SELECT name FROM pragma_index_info($1) ORDER BY seqno`, String(index.name));
    indexes.push({
      name: String(index.name),
      unique: Number(index.is_unique) === 1,
      columns: cols.map((c) => String(c.name)),
    });
  }
  const fkRows = await q(
    `SELECT id, seq, "table" AS target, "from" AS from_col, "to" AS to_col, on_update, on_delete FROM pragma_foreign_key_list($1) ORDER BY id, seq`,
    table,
  );
  const foreignKeys = new Map<number, ForeignKeyShape>();
  for (const r of fkRows) {
    const fk = foreignKeys.get(Number(r.id)) ?? {
      columns: [],
      table: String(r.target),
      references: [],
      onDelete: String(r.on_delete),
      onUpdate: String(r.on_update),
    };
    fk.columns.push(String(r.from_col));
    fk.references.push(String(r.to_col));
    foreignKeys.set(Number(r.id), fk);
  }
  return { columns, primaryKey, indexes, foreignKeys: [...foreignKeys.values()] };
}

const PG_ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

async function postgresTable(store: Store, table: string): Promise<TableShape> {
  const q = (sql: string, ...args: unknown[]) => store.db.query<Row>(sql, args);
  const rel = `to_regclass(quote_ident($1))`;
  const columnRows = await q(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
            pg_get_expr(d.adbin, d.adrelid) AS column_default
     FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = ${rel} AND a.attnum > 0 AND NOT a.attisdropped`,
    table,
  );
  const columns = Object.fromEntries(
    columnRows.map((c) => [
      String(c.name),
      {
        type: String(c.type),
        notNull: c.not_null === true,
        autoincrement: typeof c.column_default === "string" && c.column_default.startsWith("nextval("),
      },
    ]),
  );
  const indexRows = await q(
    `SELECT ic.relname AS name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
            array_to_json(array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.n))::text AS columns
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ${rel}`,
    table,
  );
  const primary = indexRows.find((r) => r.is_primary === true);
  const indexes = indexRows
    .filter((r) => r.is_primary !== true)
    .map((r) => ({
      name: String(r.name),
      unique: r.is_unique === true,
      columns: JSON.parse(String(r.columns)) as string[],
    }));
  const fkRows = await q(
    `SELECT c.confrelid::regclass::text AS target, c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update,
            array_to_json(array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n))::text AS from_cols,
            array_to_json(array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n))::text AS to_cols
     FROM pg_constraint c WHERE c.conrelid = ${rel} AND c.contype = 'f'`,
    table,
  );
  const foreignKeys = fkRows.map((r) => ({
    columns: JSON.parse(String(r.from_cols)) as string[],
    table: String(r.target).replace(/^"|"$/g, ""),
    references: JSON.parse(String(r.to_cols)) as string[],
    onDelete: PG_ACTIONS[String(r.on_delete)]!,
    onUpdate: PG_ACTIONS[String(r.on_update)]!,
  }));
  return {
    columns,
    primaryKey: primary ? (JSON.parse(String(primary.columns)) as string[]) : [],
    indexes,
    foreignKeys,
  };
}

/** The live database's schema, leaving out the migration bookkeeping table. */
export async function introspectShape(store: Store): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  if (store.kind === "sqlite") {
    const tables = await store.db.query<Row>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> $1`,
      [MIGRATIONS_TABLE],
    );
    for (const t of tables) shape[String(t.name)] = await sqliteTable(store, String(t.name), String(t.sql));
  } else {
    const tables = await store.db.query<Row>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> $1`,
      [MIGRATIONS_TABLE],
    );
    for (const t of tables) shape[String(t.name)] = await postgresTable(store, String(t.name));
  }
  return normalizeShape(shape);
}
