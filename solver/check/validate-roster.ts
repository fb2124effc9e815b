import { schoolAsProblem } from "../../src/domain/join-schools.ts";
import type { Problem, SchoolProblem } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";
import { checkAlternateOnlyIfPrimaryUnmet } from "./alternate-only-if-primary-unmet.ts";
import { checkAvoidPair } from "./avoid-pair.ts";
import { checkDuplicateEnrollment } from "./duplicate-enrollment.ts";
import { checkDuplicateRoster } from "./duplicate-roster.ts";
import { checkDuplicateSection } from "./duplicate-section.ts";
import { checkEnrollmentInUnplacedSection } from "./enrollment-in-unplaced-section.ts";
import { checkGivenPlacementChanged } from "./given-placement-changed.ts";
import { checkGradeEligibility } from "./grade-eligibility.ts";
import { checkIepCapacity } from "./iep-capacity.ts";
import { checkLinkedSections } from "./linked-sections.ts";
import { checkLockedRequest } from "./locked-request.ts";
import { checkLockedSection } from "./locked-section.ts";
import { checkLunchPeriod } from "./lunch-period.ts";
import { checkMissingRoster } from "./missing-roster.ts";
import { checkMissingSection } from "./missing-section.ts";
import { checkOneSectionPerCourse } from "./one-section-per-course.ts";
import { checkPeriodOutOfRange } from "./period-out-of-range.ts";
import { checkRequestedCourse } from "./requested-course.ts";
import { checkRequiredSetting } from "./required-setting.ts";
import { checkRoomCapacity } from "./room-capacity.ts";
import { checkRoomClash } from "./room-clash.ts";
import { rowsBySchool } from "./rows-by-school.ts";
import { schoolFacts, type SchoolFacts, type SchoolRows } from "./school-facts.ts";
import { checkSdcNeedsIep } from "./sdc-needs-iep.ts";
import { checkSectionCapacity } from "./section-capacity.ts";
import { checkSectionLength } from "./section-length.ts";
import { checkSpecialEducationTeacher } from "./special-education-teacher.ts";
import { checkStudentPeriodClash } from "./student-period-clash.ts";
import { checkTeacherClash } from "./teacher-clash.ts";
import { checkTeacherMaxSections } from "./teacher-max-sections.ts";
import { checkTeacherMaxStudents } from "./teacher-max-students.ts";
import { checkTeacherQualified } from "./teacher-qualified.ts";
import { checkTeacherUnavailable } from "./teacher-unavailable.ts";
import { checkTeamSection } from "./team-section.ts";
import { checkUnknownRoom } from "./unknown-room.ts";
import { checkUnknownSchool } from "./unknown-school.ts";
import { checkUnknownSection } from "./unknown-section.ts";
import { checkUnknownStudent } from "./unknown-student.ts";
import { checkUnknownTeacher } from "./unknown-teacher.ts";
import { checkUnscheduledList } from "./unscheduled-list.ts";
import type { Violation } from "./violation.ts";

export type { Violation } from "./violation.ts";

/** Every check run on each school's roster: structural ones first, then hard constraints 1-13. */
const SCHOOL_CHECKS: ((facts: SchoolFacts) => Violation[])[] = [
  checkMissingSection,
  checkUnknownSection,
  checkDuplicateSection,
  checkUnknownStudent,
  checkDuplicateEnrollment,
  checkEnrollmentInUnplacedSection,
  checkPeriodOutOfRange,
  checkGivenPlacementChanged,
  checkUnknownTeacher,
  checkUnknownRoom,
  checkTeacherQualified,
  checkStudentPeriodClash, // 1
  checkSectionCapacity, // 2
  checkRoomCapacity,
  checkGradeEligibility, // 3
  checkRequestedCourse,
  checkRequiredSetting, // 4
  checkSdcNeedsIep,
  checkIepCapacity,
  checkTeacherClash, // 5
  checkTeacherUnavailable,
  checkTeacherMaxSections,
  checkTeacherMaxStudents,
  checkSpecialEducationTeacher,
  checkRoomClash, // 6
  checkLockedSection, // 7
  checkLockedRequest,
  checkAvoidPair, // 8
  checkOneSectionPerCourse, // 9
  checkAlternateOnlyIfPrimaryUnmet,
  checkSectionLength, // 10 (its clashes: 1, 5 and 6 see every period a section meets in)
  checkTeamSection, // 11
  checkLinkedSections, // 12
  checkLunchPeriod, // 13
  checkUnscheduledList,
];

/**
 * Checks rosters against every hard constraint of interchange v1 and v1.1 and the structural rules
 * of a roster; returns every violation found (none = valid). Independent of the solver: it
 * reads only the plain problem and roster, in time linear in their size.
 */
export function validateRoster(problem: Problem, rosters: SchoolRoster[]): Violation[] {
  const violations: Violation[] = [
    ...checkUnknownSchool(problem, rosters),
    ...checkMissingRoster(problem, rosters),
    ...checkDuplicateRoster(rosters),
  ];
  const rows = rowsBySchool(problem);
  const validated = new Set<string>();
  for (const roster of rosters) {
    const schoolRows = rows.get(roster.schoolId);
    if (!schoolRows || validated.has(roster.schoolId)) continue;
    validated.add(roster.schoolId);
    checkSchool(schoolRows, roster, violations);
  }
  return violations;
}

/**
 * validateRoster of one school's problem and its roster, without joining the school into a
 * district problem and splitting it again: what a district checked school by school (`mse
 * export`) runs on each. Finds exactly what validateRoster(joinSchools([problem]), [roster]) finds.
 */
export function validateSchoolRoster(problem: SchoolProblem, roster: SchoolRoster): Violation[] {
  const { schoolId } = problem.school;
  const own = (rows: { schoolId: string }[]) => rows.every((row) => row.schoolId === schoolId);
  const whole =
    roster.schoolId === schoolId &&
    own(problem.courses) &&
    own(problem.teachers) &&
    own(problem.rooms) &&
    own(problem.sections) &&
    own(problem.students) &&
    own(problem.requests) &&
    own(problem.avoid);
  if (!whole) return validateRoster(schoolAsProblem(problem), [roster]);
  const violations: Violation[] = [];
  checkSchool(problem, roster, violations);
  return violations;
}

/** Runs every check of one school's roster, adding what it finds to `violations`. */
function checkSchool(rows: SchoolRows, roster: SchoolRoster, violations: Violation[]): void {
  const facts = schoolFacts(rows, roster);
  for (const check of SCHOOL_CHECKS) {
    for (const violation of check(facts)) violations.push(violation);
  }
}
