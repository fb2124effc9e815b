-- Master-schedule scenarios: a named working copy of one school's master schedule, and its edits.

-- CreateTable
CREATE TABLE "scenario" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL
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
    "created_at" DATETIME NOT NULL,

    PRIMARY KEY ("scenario_id", "version"),
    CONSTRAINT "scenario_edit_scenario_id_fkey" FOREIGN KEY ("scenario_id") REFERENCES "scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "scenario_school_id_name_key" ON "scenario"("school_id", "name");
