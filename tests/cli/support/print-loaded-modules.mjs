// Imported before `mse` starts (node --import): prints every package and file the process
// loads, by import (the module hook print-loaded-packages.mjs) and by require, which is how the
// bundled CLI, one CommonJS file (scripts/bundle.mjs), loads most of the packages it leaves out.
import Module, { register } from "node:module";

register(new URL("./print-loaded-packages.mjs", import.meta.url));

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (!Module.isBuiltin(request)) {
    const file = Module._resolveFilename(request, parent, isMain);
    const at = file.lastIndexOf("/node_modules/");
    if (at >= 0) console.log(`loaded ${file.slice(at + "/node_modules/".length)}`);
  }
  return load.apply(this, arguments);
};
