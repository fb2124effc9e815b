import type { Command } from "commander";
import { createOneRosterClient, listOneRosterClients, revokeOneRosterClient } from "../../store/index.ts";
import { EXIT } from "../exit-codes.ts";
import { DB_HELP } from "../db-help.ts";
import { withStore } from "../with-store.ts";

/**
 * `mse oneroster client create | list | revoke`: the OAuth 2.0 clients of the OneRoster
 * rostering service in `mse serve` (only the SHA-256 of a secret is stored).
 */
export function registerOneRoster(program: Command): void {
  const oneroster = program
    .command("oneroster")
    .description("the OneRoster 1.2 rostering service of `mse serve` (/ims/oneroster/rostering/v1p2)");
  const client = oneroster
    .command("client")
    .description("OAuth 2.0 clients (client credentials): create (secret shown once), list, revoke");

  client
    .command("create")
    .description("create a client and print its ID and secret once: the secret cannot be shown again")
    .requiredOption("--name <name>", "the platform that uses it (shown by `mse oneroster client list`)")
    .option("--district", "the client reads every school")
    .option(
      "--school <id>",
      "a school the client may read (repeatable)",
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option("--db <url>", DB_HELP)
    .action(async (opts: { name: string; district?: boolean; school: string[]; db?: string }) => {
      if (Boolean(opts.district) === opts.school.length > 0) {
        console.error("error: give either --district or at least one --school");
        process.exitCode = EXIT.badInput;
        return;
      }
      const { secret, record } = await withStore(opts.db, (store) =>
        createOneRosterClient(store, { name: opts.name, schools: opts.school }),
      );
      console.error(
        `client for ${record.name} (${record.schools.length ? `schools: ${record.schools.join(", ")}` : "the whole district"}); keep the secret now, it is not shown again.`,
      );
      console.error(
        "token: POST /oauth/token with HTTP Basic (client ID, secret), grant_type=client_credentials, scope=https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly",
      );
      console.log(`client_id=${record.clientId}`);
      console.log(`client_secret=${secret}`);
    });

  client
    .command("list")
    .description("list the clients (never their secrets)")
    .option("--db <url>", DB_HELP)
    .action(async (opts: { db?: string }) => {
      const records = await withStore(opts.db, listOneRosterClients);
      if (records.length === 0) console.log("no clients; create one with `mse oneroster client create`");
      for (const r of records) {
        const state = r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : "active";
        console.log(
          `${r.clientId}\t${r.name}\t${r.schools.join(";") || "district"}\tcreated ${r.createdAt.toISOString()}\t${state}`,
        );
      }
    });

  client
    .command("revoke")
    .description("revoke a client at once (its tokens stop working)")
    .argument("<clientId>", "the client's ID (mse oneroster client list)")
    .option("--db <url>", DB_HELP)
    .action(async (clientId: string, opts: { db?: string }) => {
      if (await withStore(opts.db, (store) => revokeOneRosterClient(store, clientId)))
        console.log(`client ${clientId} revoked`);
      else {
        console.error(`no active client ${clientId}`);
        process.exitCode = EXIT.failed;
      }
    });
}
