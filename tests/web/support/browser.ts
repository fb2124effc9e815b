/**
 * A real Chromium for the workspace's specs: Debian's `chromium` (apt, installed by .ci/run)
 * driven by playwright-core. Without it the specs skip, or fail when CI is set. Screenshots go
 * to tests/output/web/ (git-ignored); axe-core is injected into the page to check it.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startApiServer, type ApiServer } from "../../api/support/api-server.ts";
import { CHROMIUM, launchChromium } from "./chromium.ts";

export { launchChromium, screenshot, signIn } from "./chromium.ts";

/** Declares `specs` when Chromium is installed; otherwise skips them, or fails under CI. */
export function describeWithChromium(name: string, specs: () => void): void {
  if (existsSync(CHROMIUM)) describe(name, specs);
  else if (process.env.CI) {
    describe(name, () => {
      it("needs Chromium (CI is set, so this fails instead of skipping)", () => {
        throw new Error(`${CHROMIUM} is missing; CI installs it (apt-get install -y chromium, see .ci/run)`);
      });
    });
  } else describe.skip(`${name} (${CHROMIUM} missing; skipped because CI is unset)`, specs);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations of the page as it is ([] = none). Evaluated, not a <script>: the page's CSP stays as served. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (
      globalThis as unknown as {
        axe: {
          run: () => Promise<{
            violations: { id: string; impact: string; help: string; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(", ")}`);
}

/** Expects the page to have no serious axe-core violation. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

/** What a spec file drives: a real server (two tiny schools) and `page()`, a fresh Chromium context on it. */
export interface Workspace {
  server: ApiServer;
  page(): Promise<Page>;
}

/** Starts the server and Chromium before the file's specs and closes them after; any page's refusal by the served Content-Security-Policy fails the file (the workspace has no inline script or style). */
export function useWorkspace(): Workspace {
  let browser: Browser;
  const refusedByCsp: string[] = [];
  const workspace = {
    async page(): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const p = await context.newPage();
      p.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) refusedByCsp.push(message.text());
      });
      return p;
    },
  } as Workspace;
  beforeAll(async () => {
    [workspace.server, browser] = await Promise.all([startApiServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await workspace.server?.close();
    expect(refusedByCsp).toEqual([]);
  });
  return workspace;
}
