/**
 * How the rostering service says no, as the OneRoster 1.2 REST binding does: the HTTP status
 * and an imsx_StatusInfo body (imsx_codeMajor failure, imsx_severity error, a description and
 * one imsx_codeMinor field naming what went wrong).
 */
export type CodeMinor =
  | "invalid_filter_field"
  | "invalid_selection_field"
  | "invalid_sort_field"
  | "invaliddata"
  | "unauthorisedrequest"
  | "forbidden"
  | "unknownobject"
  | "server_busy"
  | "internal_server_error";

/** An error meant for a OneRoster consumer. */
export class OneRosterError extends Error {
  constructor(
    readonly status: number,
    readonly codeMinor: CodeMinor,
    message: string,
  ) {
    super(message);
    this.name = "OneRosterError";
  }
}

/** The imsx_StatusInfo body of an error. */
export function statusInfo(codeMinor: CodeMinor, description: string): Record<string, unknown> {
  return {
    imsx_codeMajor: "failure",
    imsx_severity: "error",
    imsx_description: description,
    imsx_CodeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: "TargetEndSystem", imsx_codeMinorFieldValue: codeMinor }],
    },
  };
}
