import { defineConfig } from "prisma/config";

// The Prisma CLI is used here only for `generate`, `validate` and `format`: its schema engine
// is a binary it downloads, which is not reachable on these machines. Migrations are the
// committed SQL under prisma/migrations/<provider>/, applied by src/store/migrate.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations/sqlite" },
});
