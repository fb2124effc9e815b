/**
 * Where the package lives, whether this module runs as TypeScript (<root>/src) or bundled
 * (a chunk in <root>/dist/bundle, see scripts/bundle.mjs): files that ship beside the code
 * (package.json, the SQL migrations, the pools' thread entries) are found from here rather than
 * by a path relative to a module.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const above = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The directory holding package.json. */
export const PACKAGE_ROOT = path.basename(above) === "dist" ? path.dirname(above) : above;
