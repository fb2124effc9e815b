-- CreateTable
CREATE TABLE "school" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "grade_low" INTEGER NOT NULL,
    "grade_high" INTEGER NOT NULL,
    "periods" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "problem_version" INTEGER NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "school_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "term" (
    "school_id" TEXT NOT NULL,
    "term_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "term_pkey" PRIMARY KEY ("school_id", "term_id")
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
    "credits" DOUBLE PRECISION,

    CONSTRAINT "course_pkey" PRIMARY KEY ("school_id", "course_id")
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

    CONSTRAINT "teacher_pkey" PRIMARY KEY ("school_id", "teacher_id")
);

-- CreateTable
CREATE TABLE "room" (
    "school_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,

    CONSTRAINT "room_pkey" PRIMARY KEY ("school_id", "room_id")
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

    CONSTRAINT "section_pkey" PRIMARY KEY ("school_id", "section_id")
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

    CONSTRAINT "student_pkey" PRIMARY KEY ("school_id", "student_id")
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

    CONSTRAINT "course_request_pkey" PRIMARY KEY ("school_id", "position")
);

-- CreateTable
CREATE TABLE "avoid_pair" (
    "school_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "other_student_id" TEXT NOT NULL,

    CONSTRAINT "avoid_pair_pkey" PRIMARY KEY ("school_id", "position")
);

-- CreateTable
CREATE TABLE "run" (
    "id" SERIAL NOT NULL,
    "school_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "problem_version" INTEGER NOT NULL,
    "seed" INTEGER NOT NULL,
    "parameters" TEXT NOT NULL,
    "retry_of" INTEGER,
    "holder" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),
    "timings" TEXT,
    "metrics" TEXT,
    "bounds" TEXT,
    "error" TEXT,

    CONSTRAINT "run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_lease" (
    "school_id" TEXT NOT NULL,
    "run_id" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "run_lease_pkey" PRIMARY KEY ("school_id")
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

    CONSTRAINT "run_section_pkey" PRIMARY KEY ("run_id", "section_id")
);

-- CreateTable
CREATE TABLE "assignment" (
    "run_id" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "section_id" TEXT NOT NULL,

    CONSTRAINT "assignment_pkey" PRIMARY KEY ("run_id", "student_id", "section_id")
);

-- CreateTable
CREATE TABLE "run_unscheduled" (
    "run_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "student_id" TEXT NOT NULL,
    "course_id" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "run_unscheduled_pkey" PRIMARY KEY ("run_id", "position")
);

-- CreateTable
CREATE TABLE "live_roster" (
    "school_id" TEXT NOT NULL,
    "run_id" INTEGER NOT NULL,
    "published_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "live_roster_pkey" PRIMARY KEY ("school_id")
);

-- CreateTable
CREATE TABLE "publication" (
    "id" SERIAL NOT NULL,
    "school_id" TEXT NOT NULL,
    "run_id" INTEGER NOT NULL,
    "previous_run_id" INTEGER,
    "published_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "publication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "run_school_id_status_idx" ON "run"("school_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "run_lease_run_id_key" ON "run_lease"("run_id");

-- CreateIndex
CREATE UNIQUE INDEX "live_roster_run_id_key" ON "live_roster"("run_id");

-- CreateIndex
CREATE INDEX "publication_school_id_published_at_idx" ON "publication"("school_id", "published_at");

-- AddForeignKey
ALTER TABLE "term" ADD CONSTRAINT "term_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course" ADD CONSTRAINT "course_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teacher" ADD CONSTRAINT "teacher_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room" ADD CONSTRAINT "room_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "section" ADD CONSTRAINT "section_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "student" ADD CONSTRAINT "student_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "course_request" ADD CONSTRAINT "course_request_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "avoid_pair" ADD CONSTRAINT "avoid_pair_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run" ADD CONSTRAINT "run_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_lease" ADD CONSTRAINT "run_lease_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_lease" ADD CONSTRAINT "run_lease_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_section" ADD CONSTRAINT "run_section_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_unscheduled" ADD CONSTRAINT "run_unscheduled_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "live_roster" ADD CONSTRAINT "live_roster_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "live_roster" ADD CONSTRAINT "live_roster_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication" ADD CONSTRAINT "publication_school_id_fkey" FOREIGN KEY ("school_id") REFERENCES "school"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publication" ADD CONSTRAINT "publication_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
