-- Crash recovery: who holds an idempotency claim; API jobs kept in the store (a job ID outlives its server).

-- AlterTable
ALTER TABLE "idempotent_request" ADD COLUMN "holder" TEXT;

-- CreateTable
CREATE TABLE "api_job" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "school_ids" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "token_id" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "run_id" INTEGER,
    "progress" TEXT,
    "result" TEXT,
    "error" TEXT,

    CONSTRAINT "api_job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "api_job_status_idx" ON "api_job"("status");
