/**
 * An independent check of a OneRoster 1.2.1 bulk CSV set against the rules of the CSV binding
 * (1EdTech, "OneRoster 1.2.1: CSV Binding", Final Release, January 2023), written from the
 * binding's tables and sharing no code with the exporter: every header in the binding's order,
 * required cells, GUIDs (at most 255 of 0-9 a-z A-Z . - _ / @) and their uniqueness, the
 * enumerations, dates, no status/dateLastModified in bulk mode, every reference resolved (to a
 * row of the right type), the manifest (versions, every file named, present exactly when bulk,
 * no empty data file) and, for a zip, every file at the archive's root.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { unzipSync } from "fflate";

type Format = "guid" | "guidRef" | "guidRefs" | "string" | "strings" | "enum" | "date" | "datetime" | "year";

interface Column {
  name: string;
  /** yes: always a value; delta: only in delta mode (must be empty in bulk); no: optional. */
  required: "yes" | "delta" | "no";
  format: Format;
  values?: readonly string[];
  /** For a reference: the file it points into, and the type the row there must have. */
  ref?: { file: string; type?: string };
}

const col = (name: string, required: Column["required"], format: Format, extra: Partial<Column> = {}): Column => ({
  name,
  required,
  format,
  ...extra,
});
const HEAD = [
  col("sourcedId", "yes", "guid"),
  col("status", "delta", "enum", { values: ["active", "tobedeleted"] }),
  col("dateLastModified", "delta", "datetime"),
];
const BOOL = ["true", "false"];

/** The rostering files of the binding (section 3), their columns in order. */
export const BINDING: Record<string, Column[]> = {
  academicSessions: [
    ...HEAD,
    col("title", "yes", "string"),
    col("type", "yes", "enum", { values: ["gradingPeriod", "semester", "schoolYear", "term"] }),
    col("startDate", "yes", "date"),
    col("endDate", "yes", "date"),
    col("parentSourcedId", "no", "guidRef", { ref: { file: "academicSessions" } }),
    col("schoolYear", "yes", "year"),
  ],
  classes: [
    ...HEAD,
    col("title", "yes", "string"),
    col("grades", "no", "strings"),
    col("courseSourcedId", "yes", "guidRef", { ref: { file: "courses" } }),
    col("classCode", "no", "string"),
    col("classType", "yes", "enum", { values: ["homeroom", "scheduled"] }),
    col("location", "no", "string"),
    col("schoolSourcedId", "yes", "guidRef", { ref: { file: "orgs", type: "school" } }),
    col("termSourcedIds", "yes", "guidRefs", { ref: { file: "academicSessions" } }),
    col("subjects", "no", "strings"),
    col("subjectCodes", "no", "strings"),
    col("periods", "no", "strings"),
  ],
  courses: [
    ...HEAD,
    col("schoolYearSourcedId", "no", "guidRef", { ref: { file: "academicSessions", type: "schoolYear" } }),
    col("title", "yes", "string"),
    col("courseCode", "no", "string"),
    col("grades", "no", "strings"),
    col("orgSourcedId", "yes", "guidRef", { ref: { file: "orgs" } }),
    col("subjects", "no", "strings"),
    col("subjectCodes", "no", "strings"),
  ],
  enrollments: [
    ...HEAD,
    col("classSourcedId", "yes", "guidRef", { ref: { file: "classes" } }),
    col("schoolSourcedId", "yes", "guidRef", { ref: { file: "orgs", type: "school" } }),
    col("userSourcedId", "yes", "guidRef", { ref: { file: "users" } }),
    col("role", "yes", "enum", { values: ["administrator", "proctor", "student", "teacher"] }),
    col("primary", "no", "enum", { values: BOOL }),
    col("beginDate", "no", "date"),
    col("endDate", "no", "date"),
  ],
  orgs: [
    ...HEAD,
    col("name", "yes", "string"),
    col("type", "yes", "enum", { values: ["department", "school", "district", "local", "state", "national"] }),
    col("identifier", "no", "string"),
    col("parentSourcedId", "no", "guidRef", { ref: { file: "orgs" } }),
  ],
  roles: [
    ...HEAD,
    col("userSourcedId", "yes", "guidRef", { ref: { file: "users" } }),
    col("roleType", "yes", "enum", { values: ["primary", "secondary"] }),
    col("role", "yes", "enum", {
      values: [
        "aide",
        "counselor",
        "districtAdministrator",
        "guardian",
        "parent",
        "principal",
        "proctor",
        "relative",
        "siteAdministrator",
        "student",
        "systemAdministrator",
        "teacher",
      ],
    }),
    col("beginDate", "no", "date"),
    col("endDate", "no", "date"),
    col("orgSourcedId", "yes", "guidRef", { ref: { file: "orgs" } }),
    col("userProfileSourcedId", "no", "guidRef", { ref: { file: "userProfiles" } }),
  ],
  users: [
    ...HEAD,
    col("enabledUser", "yes", "enum", { values: BOOL }),
    col("username", "yes", "string"),
    col("userIds", "no", "strings"),
    col("givenName", "yes", "string"),
    col("familyName", "yes", "string"),
    col("middleName", "no", "string"),
    col("identifier", "no", "string"),
    col("email", "no", "string"),
    col("sms", "no", "string"),
    col("phone", "no", "string"),
    col("agentSourcedIds", "no", "guidRefs", { ref: { file: "users" } }),
    col("grades", "no", "string"),
    col("password", "no", "string"),
    col("userMasterIdentifier", "no", "string"),
    col("preferredGivenName", "no", "string"),
    col("preferredMiddleName", "no", "string"),
    col("preferredFamilyName", "no", "string"),
    col("primaryOrgSourcedId", "no", "guidRef", { ref: { file: "orgs" } }),
    col("pronouns", "no", "string"),
  ],
};

/** Every file the 1.2 manifest names (Table 3.1). */
const MANIFEST_FILES = [
  "academicSessions",
  "categories",
  "classes",
  "classResources",
  "courses",
  "courseResources",
  "demographics",
  "enrollments",
  "lineItemLearningObjectiveIds",
  "lineItems",
  "lineItemScoreScales",
  "orgs",
  "resources",
  "resultLearningObjectiveIds",
  "results",
  "resultScoreScales",
  "roles",
  "scoreScales",
  "userProfiles",
  "userResources",
  "users",
];

const GUID = /^[0-9a-zA-Z.\-_/@]{1,255}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The files of a OneRoster CSV set, by file name ("orgs.csv"), as raw bytes. */
export type CsvSet = Map<string, Uint8Array>;

/** The files of a directory holding a OneRoster CSV set. */
export async function csvSetOfDirectory(dir: string): Promise<CsvSet> {
  const set: CsvSet = new Map();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    set.set(
      entry.isDirectory() ? `${entry.name}/` : entry.name,
      entry.isDirectory() ? new Uint8Array() : await readFile(join(dir, entry.name)),
    );
  }
  return set;
}

/** The files of a zipped OneRoster CSV set, named as stored (a folder shows in the name). */
export async function csvSetOfZip(path: string): Promise<CsvSet> {
  return new Map(Object.entries(unzipSync(await readFile(path))));
}

function isRealDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Every rule of the binding the set breaks, as "file:line: column: what is wrong" (at most `limit`). */
export function checkCsvBinding(set: CsvSet, limit = 50): string[] {
  const errors: string[] = [];
  const fail = (message: string) => {
    if (errors.length < limit) errors.push(message);
  };
  for (const name of set.keys()) {
    if (name.includes("/")) fail(`${name}: not at the root of the set (files must not sit in a folder)`);
  }
  const manifestBytes = set.get("manifest.csv");
  if (!manifestBytes) return ["manifest.csv: missing (required)"];
  const manifestRows = parse(Buffer.from(manifestBytes), { bom: true }) as string[][];
  if (manifestRows[0]?.join(",") !== "propertyName,value") fail(`manifest.csv:1: header must be propertyName,value`);
  const manifest = new Map(manifestRows.slice(1).map((row) => [row[0], row[1]]));
  if (manifest.get("manifest.version") !== "1.0") fail(`manifest.csv: manifest.version must be 1.0`);
  if (manifest.get("oneroster.version") !== "1.2") fail(`manifest.csv: oneroster.version must be 1.2`);
  const bulk = new Set<string>();
  for (const file of MANIFEST_FILES) {
    const mode = manifest.get(`file.${file}`);
    if (mode === "bulk") bulk.add(file);
    else if (mode !== "absent")
      fail(`manifest.csv: file.${file} must be absent or bulk (this is a bulk set), not ${JSON.stringify(mode)}`);
  }
  for (const name of set.keys()) {
    if (name === "manifest.csv") continue;
    const file = name.replace(/\.csv$/, "");
    if (!bulk.has(file)) fail(`${name}: present but not declared bulk in manifest.csv`);
  }
  const tables = new Map<string, { rows: Record<string, string>[]; lines: number[] }>();
  for (const file of bulk) {
    const bytes = set.get(`${file}.csv`);
    if (!bytes) {
      fail(`${file}.csv: declared bulk in manifest.csv but missing`);
      continue;
    }
    const columns = BINDING[file];
    if (!columns) {
      fail(`${file}.csv: this check knows only the rostering files`);
      continue;
    }
    const text = Buffer.from(bytes).toString("utf8");
    if (!Buffer.from(text, "utf8").equals(Buffer.from(bytes))) fail(`${file}.csv: not valid UTF-8`);
    const records = parse(text, { bom: true, info: true, relax_column_count: false }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    const header = records[0]?.record ?? [];
    const expected = columns.map((c) => c.name);
    if (header.join(",") !== expected.join(","))
      fail(`${file}.csv:1: header ${header.join(",")} is not the binding's ${expected.join(",")}`);
    if (records.length < 2) fail(`${file}.csv: no data rows (empty files are not permitted)`);
    const rows: Record<string, string>[] = [];
    const lines: number[] = [];
    const ids = new Set<string>();
    for (const { record, info } of records.slice(1)) {
      const row = Object.fromEntries(expected.map((name, i) => [name, record[i] ?? ""]));
      rows.push(row);
      lines.push(info.lines);
      const at = `${file}.csv:${info.lines}`;
      for (const [i, cell] of record.entries())
        if (cell.includes("\r")) fail(`${at}: ${expected[i]}: carriage return inside a field`);
      for (const column of columns) {
        const value = row[column.name]!;
        if (column.required === "delta" && value !== "") fail(`${at}: ${column.name}: must be empty in bulk mode`);
        if (column.required === "yes" && value === "") fail(`${at}: ${column.name}: required, but empty`);
        if (value === "") continue;
        switch (column.format) {
          case "guid":
          case "guidRef":
            if (!GUID.test(value))
              fail(`${at}: ${column.name}: "${value}" is not a GUID (1-255 of 0-9 a-z A-Z . - _ / @)`);
            break;
          case "guidRefs":
            for (const part of value.split(","))
              if (!GUID.test(part)) fail(`${at}: ${column.name}: "${part}" is not a GUID`);
            break;
          case "enum":
            if (!column.values!.includes(value))
              fail(`${at}: ${column.name}: "${value}" is not one of ${column.values!.join(" | ")}`);
            break;
          case "date":
            if (!isRealDate(value)) fail(`${at}: ${column.name}: "${value}" is not a YYYY-MM-DD date`);
            break;
          case "datetime":
            if (!DATETIME.test(value)) fail(`${at}: ${column.name}: "${value}" is not YYYY-MM-DDTHH:MM:SS.sssZ`);
            break;
          case "year":
            if (!/^\d{4}$/.test(value)) fail(`${at}: ${column.name}: "${value}" is not a YYYY year`);
            break;
          default:
            break;
        }
      }
      if (ids.has(row.sourcedId!)) fail(`${at}: sourcedId: "${row.sourcedId}" is listed twice`);
      ids.add(row.sourcedId!);
    }
    tables.set(file, { rows, lines });
  }
  // References: to a row of the named file (which must be in the set: bulk files are complete), of the named type.
  const byId = new Map<string, Map<string, Record<string, string>>>();
  for (const [file, table] of tables) byId.set(file, new Map(table.rows.map((row) => [row.sourcedId!, row])));
  for (const [file, table] of tables) {
    for (const column of BINDING[file]!) {
      if (!column.ref) continue;
      const targets = byId.get(column.ref.file);
      for (const [index, row] of table.rows.entries()) {
        const value = row[column.name]!;
        if (value === "") continue;
        for (const id of column.format === "guidRefs" ? value.split(",") : [value]) {
          const target = targets?.get(id);
          const at = `${file}.csv:${table.lines[index]}: ${column.name}`;
          if (!target) fail(`${at}: "${id}" is not a row of ${column.ref.file}.csv`);
          else if (column.ref.type && target.type !== column.ref.type)
            fail(`${at}: "${id}" is a ${target.type}, not a ${column.ref.type}`);
        }
      }
    }
  }
  // Dates: a session ends after it starts (endDate is exclusive), within its parent.
  const sessions = byId.get("academicSessions");
  for (const [index, row] of (tables.get("academicSessions")?.rows ?? []).entries()) {
    const at = `academicSessions.csv:${tables.get("academicSessions")!.lines[index]}`;
    if (row.startDate! >= row.endDate!) fail(`${at}: endDate ${row.endDate} is not after startDate ${row.startDate}`);
    const parent = row.parentSourcedId ? sessions?.get(row.parentSourcedId) : undefined;
    if (parent && (row.startDate! < parent.startDate! || row.endDate! > parent.endDate!))
      fail(`${at}: outside its parent ${parent.sourcedId}`);
  }
  return errors;
}
