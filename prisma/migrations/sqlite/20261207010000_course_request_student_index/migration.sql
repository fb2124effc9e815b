-- A late enrollment or a drop replaces one student's requests: found by the student, not by scanning the school's.

-- CreateIndex
CREATE INDEX "course_request_school_id_student_id_idx" ON "course_request"("school_id", "student_id");
