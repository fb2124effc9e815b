-- Emails of students and teachers (interchange v1.1) and the OneRoster rostering service's
-- OAuth 2.0 clients and access tokens.

-- AlterTable
ALTER TABLE "student" ADD COLUMN "email" TEXT;

-- AlterTable
ALTER TABLE "teacher" ADD COLUMN "email" TEXT;

-- CreateTable
CREATE TABLE "oneroster_client" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "schools" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "oneroster_client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oneroster_access_token" (
    "token_hash" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "oneroster_access_token_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "oneroster_access_token_client_id_idx" ON "oneroster_access_token"("client_id");

-- AddForeignKey
ALTER TABLE "oneroster_access_token" ADD CONSTRAINT "oneroster_access_token_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "oneroster_client"("id") ON DELETE CASCADE ON UPDATE CASCADE;
