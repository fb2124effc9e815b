-- Workspace sessions kept in the store (every server accepts them, a restart signs nobody out)
-- and the history of QA's benchmarks.

-- CreateTable
CREATE TABLE "web_session" (
    "id_hash" TEXT NOT NULL,
    "token_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "web_session_pkey" PRIMARY KEY ("id_hash")
);

-- CreateTable
CREATE TABLE "benchmark_run" (
    "id" SERIAL NOT NULL,
    "token_id" INTEGER NOT NULL,
    "preset" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "quality" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "wall_ms" DOUBLE PRECISION NOT NULL,
    "stopped_by" TEXT,
    "violations" INTEGER NOT NULL,
    "report" TEXT NOT NULL,

    CONSTRAINT "benchmark_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "web_session_token_id_idx" ON "web_session"("token_id");

-- CreateIndex
CREATE INDEX "web_session_expires_at_idx" ON "web_session"("expires_at");

-- CreateIndex
CREATE INDEX "benchmark_run_started_at_idx" ON "benchmark_run"("started_at");

-- AddForeignKey
ALTER TABLE "web_session" ADD CONSTRAINT "web_session_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_token"("id") ON DELETE CASCADE ON UPDATE CASCADE;
