import { parse, v5 } from "uuid";
import { describe, expect, it } from "vitest";
import { nameUuid, ONEROSTER_NAMESPACE } from "../../../src/io/oneroster/sourced-ids.ts";

describe("nameUuid", () => {
  it("makes the UUID v5 that the uuid package makes, for any name", () => {
    const names = [
      "",
      "HS 0101",
      JSON.stringify(["class", "MS 101", "MATH 6 (A)"]),
      'O\'Brien, "Jr."\nline',
      "Zoë 山田 🙂",
      "x".repeat(10_000),
      ...Array.from({ length: 500 }, (_, i) => `name ${i} ${String.fromCodePoint(0x20 + ((i * 7919) % 0x2ffff))}`),
    ];
    for (const name of names) {
      expect(nameUuid(name), name).toBe(v5(Buffer.from(name, "utf8"), parse(ONEROSTER_NAMESPACE)));
    }
  });
});
