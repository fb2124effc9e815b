-- Interchange v1.1: lunch periods of a school, the team of a student, and the team, link and
-- length of a section (constraints 10-13).

-- AlterTable
ALTER TABLE "school" ADD COLUMN "lunch_periods" TEXT;

-- AlterTable
ALTER TABLE "section" ADD COLUMN "team_id" TEXT;
ALTER TABLE "section" ADD COLUMN "link_id" TEXT;
ALTER TABLE "section" ADD COLUMN "length" INTEGER;

-- AlterTable
ALTER TABLE "student" ADD COLUMN "team_id" TEXT;
