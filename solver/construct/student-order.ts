import type { Instance } from "../instance/instance.ts";
import { nextFloat, type Rng } from "../load/seeded-random.ts";

/**
 * Students hardest first: a student is hard when the courses they need are oversubscribed and
 * offered in few periods, weighted by how important each request is. Ties are broken by the seed.
 */
export function hardestFirstOrder(instance: Instance, rng: Rng): Int32Array {
  const key = hardness(instance, rng);
  const order = new Int32Array(instance.nStudents);
  for (let i = 0; i < instance.nStudents; i++) order[i] = i;
  // Comparisons answer small integers: the difference of two keys was a double boxed on the
  // heap at each of the sort's ~35,000 calls on the high-school preset (2.1 MB of garbage).
  return order.sort((a, b) => (key[a] < key[b] ? 1 : key[a] > key[b] ? -1 : a - b));
}

/**
 * Each student's sort key (see hardestFirstOrder), tie-break included. A function of its own:
 * V8 compiled its loops while they ran (OSR), hardestFirstOrder whole, and threw that code away
 * at the sort after them, which had never run.
 */
function hardness(instance: Instance, rng: Rng): Float64Array {
  const { nStudents, nCourses, nSections, nLevels } = instance;
  const seats = new Float64Array(nCourses);
  for (let s = 0; s < nSections; s++)
    if (instance.secLoadable[s]) seats[instance.secCourse[s]] += instance.secCapacity[s];
  const demand = new Float64Array(nCourses);
  for (let g = 0; g < instance.nGroups; g++) demand[instance.reqCourse[instance.groupReqStart[g]]]++;
  const key = new Float64Array(nStudents);
  for (let i = 0; i < nStudents; i++) {
    let k = 0;
    for (let g = instance.studentGroupStart[i]; g < instance.studentGroupStart[i + 1]; g++) {
      const r = instance.groupReqStart[g];
      const options = instance.reqEligStart[instance.groupReqStart[g + 1]] - instance.reqEligStart[r];
      if (options === 0) continue;
      const c = instance.reqCourse[r];
      const pressure = seats[c] > 0 ? demand[c] / seats[c] : 1;
      const importance = 1 + (nLevels - 1 - instance.groupLevel[g]) * 0.5;
      k += importance * (pressure + 2 / options);
      if (instance.reqLocked[r] >= 0 || instance.reqFixed[r] >= 0) k += 4;
    }
    if (instance.avoidStart[i + 1] > instance.avoidStart[i]) k += 1;
    key[i] = k + nextFloat(rng) * 0.25;
  }
  return key;
}
