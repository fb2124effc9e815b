import { describe, expect, it } from "vitest";
import {
  COLLECT_EVERY_SHARE,
  COLLECT_FROM_REQUESTS,
  MIN_SHARE_FREED,
  runCollector,
} from "../../src/district/collect-garbage.ts";

describe("a run's garbage collections", () => {
  it("collect at the start of a large run and each time a quarter of its requests have been let go", () => {
    expect(COLLECT_EVERY_SHARE).toBe(1 / 4);
    let collections = 0;
    const collector = runCollector(4_000_000, () => (collections++, 0.3));
    expect(collections).toBe(1);
    collector.letGo(600_000);
    collector.letGo(399_999);
    expect(collections).toBe(1);
    collector.letGo(1);
    expect(collections).toBe(2);
    collector.letGo(2_000_000);
    expect(collections).toBe(3);
  });

  it("stop after a collection that freed less than MIN_SHARE_FREED of the heap: the caller still holds the problem", () => {
    const freed = [0.3, MIN_SHARE_FREED / 2, 0.3];
    let collections = 0;
    const collector = runCollector(4_000_000, () => freed[collections++]!);
    collector.letGo(1_000_000);
    expect(collections).toBe(2);
    collector.letGo(1_000_000);
    collector.letGo(2_000_000);
    expect(collections).toBe(2);
  });

  it("never collect in a run smaller than COLLECT_FROM_REQUESTS: a small heap's garbage is V8's to time", () => {
    let collections = 0;
    const collector = runCollector(COLLECT_FROM_REQUESTS - 1, () => (collections++, 0.3));
    collector.letGo(COLLECT_FROM_REQUESTS - 1);
    expect(collections).toBe(0);
  });
});
