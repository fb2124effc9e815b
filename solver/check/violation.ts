/** One broken hard constraint (or structural defect) of a roster, in words a person can act on. */
export interface Violation {
  /** Which rule is broken, e.g. "student-period-clash"; one name per file of solver/check. */
  constraint: string;
  schoolId: string;
  message: string;
}
