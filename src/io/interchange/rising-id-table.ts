/**
 * A table of IDs unique across a file, for a file that lists them in rising order (a district's
 * students.csv, sorted by school and student ID, lists its 683,132 IDs so): while each ID
 * comes after the one before it, no ID can be a duplicate, and the IDs are kept in two arrays
 * in that order, looked up by halving. The first ID out of order moves them into a Map, as
 * before. Filling a Map with the district's 683,132 IDs alone took 0.5-1.0 s of CPU (a
 * hash table regrown and rehashed as it filled, 1 µs or more an entry at load 6-9), on the
 * checking thread, the read's critical path; the arrays cost a comparison an ID. readProblem's
 * main thread: 6.46 s of CPU against 6.97 (medians of 4 alternated runs, load 7-11, noisy).
 */

/** A value per ID, looked up and set as a Map's (and the same answers as one). */
export interface IdTable<V> {
  get(id: string): V | undefined;
  set(id: string, value: V): void;
}

/** An empty table (see the file's comment): arrays while the IDs set rise, a Map once one does not. */
export function risingIdTable<V>(): IdTable<V> {
  let ids: string[] = [];
  let values: V[] = [];
  let map: Map<string, V> | undefined;
  const rises = (id: string) => ids.length === 0 || id > ids[ids.length - 1];
  return {
    get(id) {
      if (map !== undefined) return map.get(id);
      // A new ID in rising order (the usual question, before each set) is found at once.
      if (rises(id)) return undefined;
      let low = 0;
      let high = ids.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const at = ids[middle];
        if (at === id) return values[middle];
        if (at < id) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    },
    set(id, value) {
      if (map === undefined) {
        if (rises(id)) {
          ids.push(id);
          values.push(value);
          return;
        }
        map = new Map();
        for (let i = 0; i < ids.length; i++) map.set(ids[i], values[i]);
        ids = [];
        values = [];
      }
      map.set(id, value);
    },
  };
}
