-- Delta runs (late enrollments) and the HTTP API's tokens and idempotency keys.

-- AlterTable
ALTER TABLE "run" ADD COLUMN "base_run_id" INTEGER;

-- CreateTable
CREATE TABLE "delta_student" (
    "run_id" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "student_id"),
    CONSTRAINT "delta_student_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "schools" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "revoked_at" DATETIME
);

-- CreateTable
CREATE TABLE "idempotent_request" (
    "token_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "body_hash" TEXT NOT NULL,
    "status" INTEGER,
    "response" TEXT,
    "created_at" DATETIME NOT NULL,
    "completed_at" DATETIME,

    PRIMARY KEY ("token_id", "key"),
    CONSTRAINT "idempotent_request_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_token" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
