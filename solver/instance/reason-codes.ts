import { UNSCHEDULED_REASONS, type UnscheduledReason } from "../../src/domain/roster.ts";

/** Reason codes in typed arrays are indexes into UNSCHEDULED_REASONS; this one means "met" or "not decided". */
export const REASON_NONE = 255;

/** The typed-array code of a reason. */
export function reasonCode(reason: UnscheduledReason): number {
  return UNSCHEDULED_REASONS.indexOf(reason);
}

/** The reason a typed-array code stands for. */
export function reasonOfCode(code: number): UnscheduledReason {
  const reason = UNSCHEDULED_REASONS[code];
  if (reason === undefined) throw new Error(`no unscheduled reason has code ${code}`);
  return reason;
}

export const R_NO_SEAT = reasonCode("no_seat");
export const R_PERIOD_CONFLICT = reasonCode("period_conflict");
export const R_NO_ELIGIBLE = reasonCode("no_eligible_section");
export const R_SETTING = reasonCode("setting_unavailable");
export const R_AVOID = reasonCode("avoid_conflict");
export const R_LOCKED = reasonCode("locked_section_unavailable");
export const R_TRADED = reasonCode("traded_for_higher_priority");
