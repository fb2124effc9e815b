-- Workspace sessions kept in the store (every server accepts them, a restart signs nobody out)
-- and the history of QA's benchmarks.

-- CreateTable
CREATE TABLE "web_session" (
    "id_hash" TEXT NOT NULL PRIMARY KEY,
    "token_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    CONSTRAINT "web_session_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_token" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "benchmark_run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "token_id" INTEGER NOT NULL,
    "preset" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "quality" TEXT NOT NULL,
    "started_at" DATETIME NOT NULL,
    "wall_ms" REAL NOT NULL,
    "stopped_by" TEXT,
    "violations" INTEGER NOT NULL,
    "report" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "web_session_token_id_idx" ON "web_session"("token_id");

-- CreateIndex
CREATE INDEX "web_session_expires_at_idx" ON "web_session"("expires_at");

-- CreateIndex
CREATE INDEX "benchmark_run_started_at_idx" ON "benchmark_run"("started_at");
