#!/usr/bin/env node
// A Prisma generator that writes the schema's DMMF (the parsed data model) as JSON to the
// file named by its `output`. The no-drift test runs it through `prisma generate` to learn
// what tables, columns, keys and indexes the Prisma schema implies, without a schema engine.
// Protocol: JSON-RPC requests arrive one per line on stdin; answers go to stderr.
import { writeFileSync } from "node:fs";
import { createInterface } from "node:readline";

const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\n");

createInterface({ input: process.stdin, crlfDelay: Infinity }).on("line", (line) => {
  const message = JSON.parse(line);
  if (message.method === "getManifest") {
    reply(message.id, { manifest: { prettyName: "DMMF dump", defaultOutput: "dmmf.json", requiresEngines: [] } });
  } else if (message.method === "generate") {
    const options = message.params;
    writeFileSync(
      options.generator.output.value,
      JSON.stringify({ provider: options.datasources[0]?.activeProvider, datamodel: options.dmmf.datamodel }, null, 1),
    );
    reply(message.id, null);
  }
});
