import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/**
 * Hard constraint 5: a co_taught section has a special_education co-teacher and an sdc section
 * a special_education teacher. Checked on sections that meet; an unknown teacher is
 * unknown-teacher's to report.
 */
export function checkSpecialEducationTeacher(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  const report = (message: string) =>
    violations.push({ constraint: "special-education-teacher", schoolId: facts.school.schoolId, message });
  for (const { section, placement } of facts.meeting.values()) {
    if (section.setting === "co_taught") {
      if (placement.coTeacherId === undefined) {
        report(`co-taught section ${section.sectionId} has no co-teacher`);
      } else if (facts.teachers.get(placement.coTeacherId)?.specialEducation === false) {
        report(
          `co-taught section ${section.sectionId} has co-teacher ${placement.coTeacherId}, who is not a special education teacher`,
        );
      }
    } else if (section.setting === "sdc") {
      if (placement.teacherId === undefined) {
        report(`special day class ${section.sectionId} has no teacher`);
      } else if (facts.teachers.get(placement.teacherId)?.specialEducation === false) {
        report(
          `special day class ${section.sectionId} is taught by ${placement.teacherId}, who is not a special education teacher`,
        );
      }
    }
  }
  return violations;
}
