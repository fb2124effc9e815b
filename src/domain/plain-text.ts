/**
 * The one rule for text that enters the district's data (IDs, names, titles), from files and
 * from the API alike: any Unicode, but no control characters. A NUL cuts a name short in C
 * libraries, PostgreSQL refuses it outright, and the others are invisible in every screen a
 * counselor uses. Tab, line feed and carriage return stay allowed: a quoted CSV cell may span
 * lines, and they round-trip like any other character.
 */

/** The characters refused: C0 controls but tab, LF and CR, and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Why text with a control character is refused, naming the first one (`U+0000`). */
export function controlCharacterProblem(text: string): string | undefined {
  const found = CONTROL_CHARACTER.exec(text);
  if (found === null) return undefined;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `holds the control character U+${code}${code === "0000" ? " (NUL)" : ""} at position ${found.index + 1}; remove it`;
}
