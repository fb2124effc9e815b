-- A student ID is unique across the district: a late enrollment checks that no other school has it.

-- CreateIndex
CREATE INDEX "student_student_id_idx" ON "student"("student_id");
