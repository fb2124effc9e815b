-- The assignment table keeps its rows in its primary key's b-tree (WITHOUT ROWID) instead of in
-- a rowid table plus an index holding every column again: half the bytes, and writing a
-- district's 3.9 million rows writes one b-tree, not two (bench:nightly, publish).

-- RedefineTable
CREATE TABLE "new_assignment" (
    "run_id" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "section_id" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "student_id", "section_id")
) WITHOUT ROWID;
INSERT INTO "new_assignment" ("run_id", "student_id", "section_id") SELECT "run_id", "student_id", "section_id" FROM "assignment";
DROP TABLE "assignment";
ALTER TABLE "new_assignment" RENAME TO "assignment";
