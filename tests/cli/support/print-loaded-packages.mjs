// A module hook (node --import, module.register) that prints every package module loaded from
// node_modules, one `loaded <path>` line each, so that a spec can tell what a command loaded.
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const at = resolved.url.lastIndexOf("/node_modules/");
  if (at >= 0) console.log(`loaded ${resolved.url.slice(at + "/node_modules/".length)}`);
  return resolved;
}
