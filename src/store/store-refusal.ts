/** Tells a database's refusal that is a condition of the machine (a full disk, a server going down) from a fault of the program. */
import { DIALECTS } from "./store-url.ts";

/** The database's code (SQLite result code, PostgreSQL SQLSTATE) when `error` is a condition of the machine, else undefined. */
export function storeRefusalCode(error: unknown): string | undefined {
  for (const dialect of DIALECTS) {
    const code = dialect.machineCondition(error);
    if (code !== undefined) return code;
  }
  return undefined;
}
