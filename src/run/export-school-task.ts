/**
 * The export pool's task (src/run/export-live-roster.ts): one school read from the store,
 * checked by the independent validator and turned into its CSV lines on a thread of the pool,
 * the lines moved back (not copied) as UTF-8 bytes. Each thread opens the store once, its own
 * connection, and reads through it for every school it is given.
 */
import { move, Piscina } from "piscina";
import { openStore, type Store } from "../store/index.ts";
import { exportSchool, type ExportedSchool, type SchoolExportTask } from "./export-school.ts";

/** A school to export, and the store it is read from. */
export interface ExportPoolTask extends SchoolExportTask {
  storeUrl: string;
}

/** This thread's store, by URL: opened on the first task, kept for the others. */
const stores = new Map<string, Promise<Store>>();

/** Exports one school (exportSchool), its lines moved to the caller's thread. */
export default async function exportSchoolTask({ storeUrl, ...task }: ExportPoolTask): Promise<unknown> {
  let store = stores.get(storeUrl);
  if (!store) stores.set(storeUrl, (store = openStore(storeUrl, { migrate: false, mustExist: true })));
  const school: ExportedSchool = await exportSchool(await store, task);
  if (!school.csv) return school;
  // One buffer holds every file's lines (schoolCsv). Piscina moves a value marked by move() that
  // names its buffers and its value by these two symbols.
  const transferList = [school.csv.files.users.bytes.buffer];
  const transferable = { [Piscina.transferableSymbol]: transferList, [Piscina.valueSymbol]: school };
  return move(transferable as unknown as Parameters<typeof move>[0]);
}
