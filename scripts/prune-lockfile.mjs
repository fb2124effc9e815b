// The registry this project installs from lacks some other-platform optional binaries (e.g.
// @msgpackr-extract/*-darwin-arm64). npm then writes a lockfile whose optionalDependencies name
// packages it has no entry for, and `npm ci` rejects it as out of sync. This drops those
// dangling optional names, which changes nothing that installs on a machine that can install.
// Run after any `npm install` that rewrites package-lock.json: npm run lock:prune
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
let dropped = 0;
for (const [where, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    const nested = `${where ? `${where}/` : ""}node_modules/${name}`;
    if (!(nested in lock.packages) && !(`node_modules/${name}` in lock.packages)) {
      delete entry.optionalDependencies[name];
      dropped++;
    }
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: dropped ${dropped} optional dependency name(s) with no lock entry`);
