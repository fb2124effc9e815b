/** Splits a SQL script (a migration) into statements, at semicolons outside quotes and comments. */
export function splitSqlScript(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (stripComments(text).trim()) statements.push(text);
    start = end + 1;
  };
  while (i < script.length) {
    const c = script[i]!;
    if (c === "-" && script[i + 1] === "-") {
      const eol = script.indexOf("\n", i);
      i = eol < 0 ? script.length : eol + 1;
    } else if (c === "/" && script[i + 1] === "*") {
      const end = script.indexOf("*/", i + 2);
      i = end < 0 ? script.length : end + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      // A doubled quote inside a quoted string is an escaped quote.
      while (j < script.length && !(script[j] === c && script[j + 1] !== c)) j += script[j] === c ? 2 : 1;
      i = j + 1;
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        i = end < 0 ? script.length : end + tag.length;
      } else i++;
    } else if (c === ";") {
      push(i);
      i++;
    } else i++;
  }
  push(script.length);
  return statements;
}

/** The text without its `--` line comments (to tell an all-comment tail from a statement). */
function stripComments(text: string): string {
  return text.replace(/--[^\n]*/g, "");
}
