/**
 * What `--out` may replace. A command that writes a folder replaces it whole, so it refuses a
 * folder it did not write itself: the input, a file, or a folder holding anything but an
 * earlier output of the same command, unless the user says `--force`. The input is never
 * replaced, forced or not: the command reads it while it writes.
 *
 * Its few calls on the file system are synchronous: each awaited one waited for a thread of
 * libuv's pool, which on 2 busy cores (V8 compiling on the others) took milliseconds each.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";

/** What a command writes into its output folder. */
export type OutputKind = "roster" | "master schedule";

/** The file that marks a folder as written by `mse`, and as what. */
export const OUTPUT_MARKER = ".mse-output.json";

export interface OutputFolderOptions {
  kind: OutputKind;
  /** Folders the command reads: never replaced. */
  inputs?: readonly string[];
  /** Replace a file or a foreign folder (never an input). */
  force?: boolean;
}

/** `--out` names something the command must not replace; nothing was written. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputFolderError";
  }
}

/** The marker's content for `kind`. */
export function outputMarker(kind: OutputKind): string {
  return `${JSON.stringify({ writer: "master-schedule-engine", kind })}\n`;
}

/** The real path of `p`, or its absolute path when it does not exist. */
function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Whether `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The kind a folder's marker names, if it has one. */
function markedKind(dir: string): string | undefined {
  try {
    const marker = JSON.parse(readFileSync(path.join(dir, OUTPUT_MARKER), "utf8")) as {
      writer?: unknown;
      kind?: unknown;
    };
    return marker.writer === "master-schedule-engine" && typeof marker.kind === "string" ? marker.kind : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Throws OutputFolderError unless `dir` may be replaced by a new `kind` output: it does not
 * exist, is an empty folder, or is an earlier `kind` output; with `force`, anything but an input.
 */
export async function checkOutputFolder(dir: string, options: OutputFolderOptions): Promise<void> {
  const target = canonical(dir);
  for (const input of options.inputs ?? []) {
    const source = canonical(input);
    if (within(source, target) || within(target, source)) {
      throw new OutputFolderError(
        `--out ${dir}: ${within(target, source) ? "is the input folder or inside it" : "holds the input folder"} (${input}); choose another folder; nothing was written`,
      );
    }
  }
  const found = statSync(target, { throwIfNoEntry: false });
  if (found === undefined || options.force) return;
  if (!found.isDirectory()) {
    throw new OutputFolderError(`--out ${dir}: is a file, not a folder; nothing was written (--force replaces it)`);
  }
  const entries = readdirSync(target);
  if (entries.length === 0) return;
  const kind = markedKind(target);
  if (kind === options.kind) return;
  const shown = `${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", ..." : ""}`;
  const what =
    kind === undefined
      ? `is not an earlier ${options.kind}: it holds ${shown}`
      : `is an earlier ${kind}, not a ${options.kind}`;
  throw new OutputFolderError(
    `--out ${dir}: ${what}; nothing was written (--force replaces the folder and everything in it)`,
  );
}
