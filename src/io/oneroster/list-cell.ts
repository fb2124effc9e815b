/**
 * A "List of Strings" cell of the CSV binding: its strings must not hold commas, so a value
 * that has some (a subject "Math, Applied") loses them, as the binding asks for subjects.
 */
export function listCell(values: readonly string[]): string {
  return values.map((value) => value.replaceAll(",", "")).join(",");
}
