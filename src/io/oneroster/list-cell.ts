/**
 * A "List of Strings" cell of the CSV binding: its strings must not hold commas, so a value
 * that has some (a subject "Math, Applied") loses them, as the binding asks for subjects.
 */
export function listCell(values: readonly string[]): string {
  // Joined in a loop, not by map and join: optimized, map makes a holey array where the builtin
  // made a packed one, and join deoptimized on it (--trace-deopt, district export).
  let cell = "";
  for (let i = 0; i < values.length; i++) cell += (i === 0 ? "" : ",") + values[i]!.replaceAll(",", "");
  return cell;
}
