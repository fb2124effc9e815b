import { GRADE_MAX, GRADE_MIN } from "../../domain/problem.ts";

/** The OneRoster (CEDS) grade code of an interchange grade: -1 → TK, 0 → KG, 7 → 07. */
export function gradeCode(grade: number): string {
  if (grade === -1) return "TK";
  if (grade === 0) return "KG";
  return String(grade).padStart(2, "0");
}

/** The grade codes from low to high inclusive, joined as one multi-valued OneRoster cell. */
export function gradeRangeCell(low: number, high: number): string {
  const codes: string[] = [];
  for (let grade = Math.max(low, GRADE_MIN); grade <= Math.min(high, GRADE_MAX); grade++) {
    codes.push(gradeCode(grade));
  }
  return codes.join(",");
}
