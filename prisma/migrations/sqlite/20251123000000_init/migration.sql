-- CreateTable
CREATE TABLE "school" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "grade_low" INTEGER NOT NULL,
    "grade_high" INTEGER NOT NULL,
    "periods" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "problem_version" INTEGER NOT NULL,
    "imported_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "term" (
    "school_id" TEXT NOT NULL,
    "term_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("school_id", "term_id"),
    CONSTRAINT "term_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "course" (
    "school_id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "grade_low" INTEGER NOT NULL,
    "grade_high" INTEGER NOT NULL,
    "subject" TEXT,
    "credits" REAL,

    PRIMARY KEY ("school_id", "course_id"),
    CONSTRAINT "course_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "teacher" (
    "school_id" TEXT NOT NULL,
    "teacher_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "given_name" TEXT,
    "family_name" TEXT,
    "max_sections" INTEGER,
    "max_students" INTEGER,
    "unavailable_periods" TEXT NOT NULL,
    "special_education" BOOLEAN NOT NULL,
    "qualified_courses" TEXT NOT NULL,

    PRIMARY KEY ("school_id", "teacher_id"),
    CONSTRAINT "teacher_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "room" (
    "school_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,

    PRIMARY KEY ("school_id", "room_id"),
    CONSTRAINT "room_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "section" (
    "school_id" TEXT NOT NULL,
    "section_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "course_id" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "teacher_id" TEXT,
    "co_teacher_id" TEXT,
    "room_id" TEXT,
    "period" INTEGER,
    "terms" TEXT NOT NULL,
    "setting" TEXT NOT NULL,
    "iep_capacity" INTEGER,
    "locked" BOOLEAN NOT NULL,

    PRIMARY KEY ("school_id", "section_id"),
    CONSTRAINT "section_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "student" (
    "school_id" TEXT NOT NULL,
    "student_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "grade" INTEGER NOT NULL,
    "given_name" TEXT,
    "family_name" TEXT,
    "iep" BOOLEAN NOT NULL,
    "gender" TEXT,

    PRIMARY KEY ("school_id", "student_id"),
    CONSTRAINT "student_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "course_request" (
    "school_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "alternate_for" TEXT,
    "required_setting" TEXT,
    "locked_section_id" TEXT,

    PRIMARY KEY ("school_id", "position"),
    CONSTRAINT "course_request_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "avoid_pair" (
    "school_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "other_student_id" TEXT NOT NULL,

    PRIMARY KEY ("school_id", "position"),
    CONSTRAINT "avoid_pair_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "school_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "problem_version" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "parameters" TEXT NOT NULL,
    "retry_of" INTEGER,
    "holder" TEXT NOT NULL,
    "started_at" DATETIME NOT NULL,
    "finished_at" DATETIME,
    "timings" TEXT,
    "metrics" TEXT,
    "bounds" TEXT,
    "error" TEXT,

    CONSTRAINT "run_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "run_lease" (
    "school_id" TEXT NOT NULL PRIMARY KEY,
    "run_id" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" DATETIME NOT NULL,

    CONSTRAINT "run_lease_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "run_lease_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "run_section" (
    "run_id" INTEGER NOT NULL,
    "section_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "period" INTEGER,
    "teacher_id" TEXT,
    "co_teacher_id" TEXT,
    "room_id" TEXT,

    PRIMARY KEY ("run_id", "section_id"),
    CONSTRAINT "run_section_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "assignment" (
    "run_id" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "section_id" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "student_id", "section_id")
);

-- CreateTable
CREATE TABLE "run_unscheduled" (
    "run_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,

    PRIMARY KEY ("run_id", "position"),
    CONSTRAINT "run_unscheduled_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "live_roster" (
    "school_id" TEXT NOT NULL PRIMARY KEY,
    "run_id" INTEGER NOT NULL,
    "published_at" DATETIME NOT NULL,

    CONSTRAINT "live_roster_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "live_roster_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "publication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "school_id" TEXT NOT NULL,
    "run_id" INTEGER NOT NULL,
    "previous_run_id" INTEGER,
    "published_at" DATETIME NOT NULL,

    CONSTRAINT "publication_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "publication_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "run_school_id_status_idx" ON "run"("school_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "run_lease_run_id_key" ON "run_lease"("run_id");

-- CreateIndex
CREATE UNIQUE INDEX "live_roster_run_id_key" ON "live_roster"("run_id");

-- CreateIndex
CREATE INDEX "publication_school_id_published_at_idx" ON "publication"("school_id", "published_at");
