/** Runs `mse` exactly as a user would after `npm ci`. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The repository's root. */
export const root = path.resolve(import.meta.dirname, "../../..");

/** The repository's tiny example problem. */
export const tiny = path.join(root, "fixtures/examples/tiny");

export interface MseOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mse args...` in `cwd` (default: the repository); returns exit code and output. */
export async function mse(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<MseOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, "bin/mse.mjs"), ...args], {
      cwd: options.cwd ?? root,
      env: options.env ?? process.env,
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
