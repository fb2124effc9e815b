import { describe, expect, it } from "vitest";
import { runApiLoad } from "../../benchmarks/api-load.ts";

describe("the API under concurrent load (a short run of benchmarks/api-load.ts)", () => {
  it("loses and duplicates no acknowledged enrollment, and every live roster passes the validator", async () => {
    // A fixed amount of work (10 clients of 8 steps), not a time: the same spec on a busy machine.
    const result = await runApiLoad({
      clients: 10,
      seconds: 120,
      stepsPerClient: 8,
      schools: 2,
      preset: "tiny",
      seed: 1,
      verbose: false,
      busy: false,
    });
    expect(result.requests).toBeGreaterThanOrEqual(80);
    expect(result.checks.acknowledgedEnrollments).toBeGreaterThan(10);
    expect(result.checks.lost).toEqual([]);
    expect(result.checks.duplicated).toEqual([]);
    expect(result.checks.resurrected).toEqual([]);
    expect(result.checks.rosterViolations).toBe(0);
    expect(result.errors).toEqual({});
    expect(result.serverErrors).toBe(0);
  });

  it("splits a read's time outside the server by the clients' and the server's stamps, with the clients' own loop, CPU and connections", async () => {
    const result = await runApiLoad({
      clients: 4,
      seconds: 120,
      stepsPerClient: 6,
      schools: 1,
      preset: "tiny",
      seed: 2,
      verbose: false,
      busy: false,
      phases: true,
    });
    const reads = result.readPhases!.steady!.all;
    expect(Object.keys(reads)).toEqual(
      expect.arrayContaining([
        "outsideServerMs",
        "clientBeforeSendMs",
        "toServerMs",
        "toClientMs",
        "clientInflateMs",
        "handlerMs",
      ]),
    );
    // node:http hands the answer's bytes over as they came: no inflating inside the latency.
    expect(reads.clientInflateMs).toBe(0);
    const clients = result.phases.steady.clientLoop!;
    expect(clients.cpuMs.process).toBeGreaterThan(0);
    // Connections are kept alive: far fewer opened than requests sent.
    expect(clients.connectionsOpened).toBeGreaterThan(0);
    expect(clients.connectionsOpened).toBeLessThan(result.phases.steady.requests);
  });
});
