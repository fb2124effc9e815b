// Runs a CommonJS file with V8's code cache: the bytecode of its functions, as an earlier run
// compiled them, read back instead of compiled again. Node 20 keeps no such cache for ES
// modules (module.enableCompileCache came in Node 22.1), but vm.Script takes one for a script.
// `mse schedule` compiles about 1 MB of bundled JavaScript, lazily, function by function, in
// every phase: measured in docs/design.md, start-up.
import { isAscii } from "node:buffer";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import { crc32 } from "node:zlib";

/** Bytes before V8's data in a cache file: the CRC-32 of the source it was written for. */
const HEADER_BYTES = 4;

/** Reads `file`, or undefined when there is none. */
function readIfThere(file) {
  try {
    return readFileSync(file);
  } catch (error) {
    if (error.code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Runs the CommonJS `file` in this context, its code compiled from `cacheFile` where the cache
 * fits. Returns the file's module.exports; `cache`, what became of the cache: "used",
 * "rejected" (written for another source, or refused by V8: another Node, other V8 flags),
 * the file then compiled as without one, or "none"; and writeCache(to), which writes the
 * bytecode of every function compiled so far to `to` (whole or not at all).
 */
export function runCommonJs(file, cacheFile) {
  const bytes = readFileSync(file);
  const sourceCrc = crc32(bytes);
  const written = readIfThere(cacheFile);
  // V8 checks only the source's length: a cache of another source of the same length would run
  // that source's code.
  const fits = written !== undefined && written.length > HEADER_BYTES && written.readUInt32BE(0) === sourceCrc;
  // The wrapper of Node's own CommonJS loader, so the file sees what a required file sees, and
  // __mseImport, the file's import() of a package (scripts/bundle.mjs): on Node 20, a function V8
  // read from the cache loses the import() callback of its script.
  // An ASCII file (the bundle is: scripts/bundle.mjs) read as Latin-1 makes a one-byte string:
  // decoding the 1.9 MB bundle as UTF-8 took 25-30 ms of CPU, and one character beyond ASCII
  // makes V8 hold and scan the whole source as two-byte.
  const text = bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
  const source = `(function (exports, require, module, __filename, __dirname, __mseImport) {${text}\n})`;
  const script = new vm.Script(source, {
    filename: file,
    cachedData: fits ? written.subarray(HEADER_BYTES) : undefined,
  });
  const cache = written === undefined ? "none" : !fits || script.cachedDataRejected ? "rejected" : "used";
  const module = { exports: {} };
  // A package, found in the node_modules above bin/ as from `file` in the package's dist/.
  const importPackage = (specifier) => import(specifier);
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file), importPackage);
  const writeCache = (to) => {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32BE(sourceCrc, 0);
    const partial = `${to}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.concat([header, script.createCachedData()]));
    renameSync(partial, to);
  };
  return { exports: module.exports, cache, writeCache };
}
