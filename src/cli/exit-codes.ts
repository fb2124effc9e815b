/** Process exit codes of `mse`, so that scripts can tell what went wrong. */
export const EXIT = {
  ok: 0,
  /** The roster breaks a hard constraint, or the command failed. */
  failed: 1,
  /** The input problem is malformed: nothing was written. */
  badInput: 2,
} as const;
