// A module hook (node --import, module.register) that prints every module loaded: a package's
// from node_modules as a `loaded <path>` line, any other file as `loaded-file <url>`, so that a
// spec can tell what a command loaded (for our own code, the bundle's files name the sources
// they hold).
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const at = resolved.url.lastIndexOf("/node_modules/");
  if (at >= 0) console.log(`loaded ${resolved.url.slice(at + "/node_modules/".length)}`);
  else if (resolved.url.startsWith("file:")) console.log(`loaded-file ${resolved.url}`);
  return resolved;
}
