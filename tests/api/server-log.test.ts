import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stderrLog } from "../../src/api/log.ts";

describe("the server's log on stderr", () => {
  afterEach(() => vi.restoreAllMocks());

  it("never writes on the thread that answers requests, and writes a failure at once", () => {
    const writeSync = vi.spyOn(fs, "writeSync");
    const write = vi.spyOn(fs, "write");
    stderrLog({ level: "info", message: "request", requestId: "spec-1", status: 200 });
    stderrLog({ level: "info", message: "request", requestId: "spec-2", status: 200 });
    // Access lines wait to be written together (within a second); a failure goes at once, with them.
    expect(write).not.toHaveBeenCalled();
    stderrLog({ level: "error", message: "spec failure (expected in this spec's output)", requestId: "spec-3" });
    expect(write).toHaveBeenCalledTimes(1);
    expect(String(write.mock.calls[0]![1])).toMatch(/spec-1[\s\S]*spec-2[\s\S]*spec-3/);
    expect(writeSync).not.toHaveBeenCalled();
  });
});
