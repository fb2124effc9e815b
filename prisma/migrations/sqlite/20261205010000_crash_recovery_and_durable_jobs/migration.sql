-- Crash recovery: who holds an idempotency claim; API jobs kept in the store (a job ID outlives its server).

-- AlterTable
ALTER TABLE "idempotent_request" ADD COLUMN "holder" TEXT;

-- CreateTable
CREATE TABLE "api_job" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "school_ids" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "token_id" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "started_at" DATETIME,
    "finished_at" DATETIME,
    "run_id" INTEGER,
    "progress" TEXT,
    "result" TEXT,
    "error" TEXT
);

-- CreateIndex
CREATE INDEX "api_job_status_idx" ON "api_job"("status");
