/** A malformed roster directory: names the file, the line (when there is one) and what is wrong. */
export class RosterReadError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
    this.name = "RosterReadError";
  }
}
