/**
 * The BullMQ worker as a process of its own: `node --import tsx workers/queue-worker-main.ts
 * [options of mse worker]`. The same as `mse worker`, for deployments that start workers
 * directly (and for the specs, which spawn and kill them).
 */
import { Command } from "commander";
import { registerWorker } from "../src/cli/commands/worker.ts";

const program = new Command("mse").exitOverride();
registerWorker(program);
try {
  await program.parseAsync(["worker", ...process.argv.slice(2)], { from: "user" });
} catch (error) {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exitCode = 1;
}
