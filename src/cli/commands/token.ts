import type { Command } from "commander";
import { API_ROLES, createApiToken, listApiTokens, revokeApiToken, type ApiRole } from "../../store/index.ts";
import { DB_HELP } from "../db-help.ts";
import { withStore } from "../with-store.ts";
import { EXIT } from "../exit-codes.ts";
import { oneOf, parsePositiveInt } from "../option-parsers.ts";

/** `mse token create | list | revoke`: the API tokens of `mse serve` (only their SHA-256 is stored). */
export function registerToken(program: Command): void {
  const token = program.command("token").description("API tokens for `mse serve`: create (shown once), list, revoke");

  token
    .command("create")
    .description("create a token and print it once: it cannot be shown again (the store keeps only its SHA-256)")
    .requiredOption(
      "--role <role>",
      `${API_ROLES.join(" | ")}: a counselor sees only their schools, district every school, qa figures and benchmarks only`,
      oneOf<ApiRole>(API_ROLES),
    )
    .requiredOption("--name <name>", "who or what uses it (shown by `mse token list`)")
    .option(
      "--school <id>",
      "a school a counselor may see and run (repeatable; counselors only)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option("--db <url>", DB_HELP)
    .action(async (opts: { role: ApiRole; name: string; school: string[]; db?: string }) => {
      const wrong =
        opts.role === "counselor"
          ? opts.school.length === 0 && "a counselor's token needs at least one --school"
          : opts.school.length > 0 && `a ${opts.role} token sees every school: leave out --school`;
      if (wrong) {
        console.error(`error: ${wrong}`);
        process.exitCode = EXIT.badInput;
        return;
      }
      const { token: secret, record } = await withStore(opts.db, (store) =>
        createApiToken(store, { name: opts.name, role: opts.role, schools: opts.school }),
      );
      console.error(
        `token ${record.id} (${record.role}${record.schools.length ? `: ${record.schools.join(", ")}` : ""}) for ${record.name}; keep it now, it is not shown again:`,
      );
      console.log(secret);
    });

  token
    .command("list")
    .description("list the tokens (never the tokens themselves)")
    .option("--db <url>", DB_HELP)
    .action(async (opts: { db?: string }) => {
      const records = await withStore(opts.db, listApiTokens);
      if (records.length === 0) console.log("no tokens; create one with `mse token create`");
      for (const r of records) {
        const state = r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : "active";
        console.log(
          `${r.id}\t${r.role}\t${r.name}\t${r.schools.join(";") || "-"}\tcreated ${r.createdAt.toISOString()}\t${state}`,
        );
      }
    });

  token
    .command("revoke")
    .description("revoke a token at once (its requests get 401 from then on)")
    .argument("<id>", "the token's ID (mse token list)", parsePositiveInt)
    .option("--db <url>", DB_HELP)
    .action(async (id: number, opts: { db?: string }) => {
      const revoked = await withStore(opts.db, (store) => revokeApiToken(store, id));
      if (revoked) console.log(`token ${id} revoked`);
      else {
        console.error(`no active token ${id}`);
        process.exitCode = EXIT.failed;
      }
    });
}
