/** One thing wrong with an input problem, located as precisely as the input allows. */
export interface InputIssue {
  /** File name within the problem directory, e.g. `sections.csv`. */
  file: string;
  /** Physical line in the file: the header is line 1; 0 = the file as a whole. */
  line: number;
  /** Contract column name, or "" when the issue is about a whole row or file. */
  column: string;
  message: string;
}

/** Issues listed in full in the error message; the rest stay available in `issues`. */
const MESSAGE_LIMIT = 1000;

/** Formats an issue as `file:line: column: what is wrong`. */
export function formatIssue(issue: InputIssue): string {
  const where = `${issue.file}:${issue.line}:`;
  return issue.column === "" ? `${where} ${issue.message}` : `${where} ${issue.column}: ${issue.message}`;
}

/** The problem's folder itself is wrong: missing, or a file. */
export class ProblemFolderError extends Error {
  constructor(
    readonly dir: string,
    problem: string,
  ) {
    super(`${dir}: ${problem}`);
    this.name = "ProblemFolderError";
  }
}

/**
 * The whole input was rejected: `issues` holds every error found, not only the first,
 * so a district can fix its export in one round.
 */
export class ProblemInputError extends Error {
  readonly issues: InputIssue[];

  /** `truncated`: reading stopped at the reader's cap of issues; the input holds at least these. */
  constructor(
    issues: InputIssue[],
    readonly truncated = false,
  ) {
    // A broken district export can hold millions of issues: a message that size would
    // not fit in a string, so it lists the first ones and counts the rest.
    const shown = issues.slice(0, MESSAGE_LIMIT).map(formatIssue);
    const more = issues.length > MESSAGE_LIMIT ? [`... and ${issues.length - MESSAGE_LIMIT} more`] : [];
    const count = truncated
      ? `at least ${issues.length} errors (reading stopped there)`
      : `${issues.length} error${issues.length === 1 ? "" : "s"}`;
    super([`the problem has ${count}:`, ...shown, ...more].join("\n"));
    this.name = "ProblemInputError";
    this.issues = issues;
  }
}
