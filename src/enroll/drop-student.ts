import { removeStudent, type Store } from "../store/index.ts";

/**
 * Removes a student who left, writing only that student's rows (runs and live roster stay; the
 * problem version goes up). Their seats are freed by the next incremental run. Returns the new
 * problem version; throws UnknownStudentError if the school has no such student.
 */
export async function dropStudent(store: Store, schoolId: string, studentId: string): Promise<number> {
  return removeStudent(store, schoolId, studentId);
}
