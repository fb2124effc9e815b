import { describe, expect, it } from "vitest";
import { attemptsOf, withRetries } from "../../src/run/retry.ts";

class Busy extends Error {}

describe("withRetries (the one retry helper)", () => {
  it("tries again until the work succeeds, within its attempts", async () => {
    const seen: number[] = [];
    const value = await withRetries(
      async (attempt) => {
        seen.push(attempt);
        if (attempt < 3) throw new Busy(`busy ${attempt}`);
        return "done";
      },
      { attempts: 3 },
    );
    expect([value, seen]).toEqual(["done", [1, 2, 3]]);
  });

  it("rejects with the last attempt's error once the attempts are spent, and says how many were made", async () => {
    const failed = await withRetries(
      async (attempt) => {
        throw new Busy(`busy ${attempt}`);
      },
      { attempts: 2 },
    ).catch((error: unknown) => error);
    expect((failed as Error).message).toBe("busy 2");
    expect(attemptsOf(failed)).toBe(2);
  });

  it("never retries an error its policy refuses", async () => {
    let calls = 0;
    const failed = await withRetries(
      async () => {
        calls++;
        throw new Error("cannot be built");
      },
      { attempts: 5, retryIf: (error) => error instanceof Busy },
    ).catch((error: unknown) => error);
    expect(calls).toBe(1);
    expect(attemptsOf(failed)).toBe(1);
  });

  it("waits before each retry, twice as long each time", async () => {
    const at: number[] = [];
    await withRetries(
      async (attempt) => {
        at.push(performance.now());
        if (attempt < 3) throw new Busy("busy");
      },
      { attempts: 3, backoffMs: 40 },
    );
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(35);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(75);
  });
});
