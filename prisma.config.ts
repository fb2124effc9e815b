import { defineConfig } from "prisma/config";

// The Prisma CLI is development tooling here, used only for `format`, `validate` and the
// no-drift test's data model (scripts/schema/): no client is generated, and its schema engine
// is a binary it downloads, which is not reachable on these machines. Migrations are the
// committed SQL under prisma/migrations/<provider>/, applied by src/store/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations/sqlite" },
});
