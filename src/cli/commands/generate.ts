import type { Command } from "commander";
import { PRESETS, type PresetName } from "../../../fixtures/generate.ts";
import { writePreset } from "../../../fixtures/write-preset.ts";
import { oneOf, parseNonNegativeInt, parseShare } from "../option-parsers.ts";

/** `mse generate`: writes a deterministic sample problem as interchange CSV. */
export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("write a deterministic sample problem (interchange CSV)")
    .requiredOption("--preset <name>", `one of ${PRESETS.join(", ")}`, oneOf(PRESETS))
    .option("--seed <n>", "random seed", parseNonNegativeInt, 1)
    .option(
      "--unplaced-share <x>",
      "share (0..1) of unlocked sections left without a period, for the builder",
      parseShare,
      0,
    )
    .requiredOption("--out <dir>", "directory to write")
    .action(async (opts: { preset: PresetName; seed: number; out: string; unplacedShare: number }) => {
      const summary = await writePreset(opts.preset, opts.seed, opts.out, { unplacedShare: opts.unplacedShare });
      console.log(
        `wrote ${opts.out}: ${summary.schools} school(s), ${summary.students} students, ${summary.requests} requests`,
      );
    });
}
