import type { Instance } from "../instance/instance.ts";
import { capacityFlowBound } from "./capacity-bound.ts";
import { timeBound } from "./time-bound.ts";

/**
 * Per priority level, an upper bound on the groups of that level any roster meets (primary
 * groups and lone alternates alike): the smaller of the seat bound and the time bound counted
 * over that level's groups only. When a load reaches it at a level, that level is proven
 * optimal without a MIP.
 */
export function levelBounds(inst: Instance): number[] {
  const out: number[] = [];
  for (let l = 0; l < inst.nLevels; l++) {
    const atLevel = (g: number) => inst.groupLevel[g] === l;
    out.push(Math.min(capacityFlowBound(inst, atLevel), timeBound(inst, atLevel)));
  }
  return out;
}
