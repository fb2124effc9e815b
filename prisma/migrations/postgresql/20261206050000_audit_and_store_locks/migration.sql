-- The audit trail (who read or changed which student, failed sign-ins) and locks held across
-- every process of the store (one district run at a time).

-- CreateTable
CREATE TABLE "audit_event" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "token_id" INTEGER,
    "client_id" TEXT,
    "action" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "school_id" TEXT,
    "student_id" TEXT,
    "status" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "store_lock" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "store_lock_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_school_id_at_idx" ON "audit_event"("school_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_student_id_at_idx" ON "audit_event"("student_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_token_id_at_idx" ON "audit_event"("token_id", "at");
