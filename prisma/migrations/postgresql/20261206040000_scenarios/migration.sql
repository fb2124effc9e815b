-- Master-schedule scenarios: a named working copy of one school's master schedule, and its edits.

-- CreateTable
CREATE TABLE "scenario" (
    "id" SERIAL NOT NULL,
    "school_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "base_problem_version" INTEGER NOT NULL,
    "base_run_id" INTEGER NOT NULL,
    "base_fingerprint" TEXT NOT NULL,
    "start_sections" TEXT NOT NULL,
    "sections" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "promoted_run_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scenario_edit" (
    "scenario_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "edit" TEXT NOT NULL,
    "before" TEXT NOT NULL,
    "undone_by" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "scenario_edit_pkey" PRIMARY KEY ("scenario_id","version")
);

-- CreateIndex
CREATE UNIQUE INDEX "scenario_school_id_name_key" ON "scenario"("school_id", "name");

-- AddForeignKey
ALTER TABLE "scenario_edit" ADD CONSTRAINT "scenario_edit_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;
