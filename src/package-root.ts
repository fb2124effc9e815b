/**
 * Where the package lives, whether this module runs as TypeScript (<root>/src) or compiled
 * (<root>/dist/src, see tsconfig.build.json): files that ship beside the code (package.json, the
 * SQL migrations) are found from here rather than by a path relative to a module.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const above = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The directory holding package.json. */
export const PACKAGE_ROOT = path.basename(above) === "dist" ? path.dirname(above) : above;
