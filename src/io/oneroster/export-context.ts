import type { Course, Problem, Section } from "../../domain/problem.ts";
import type { SchoolRoster } from "../../domain/roster.ts";
import { schoolYearOf } from "./academic-calendar.ts";
import { classSourcedId, courseSourcedId, idSourcedId, SOURCED_ID_PATTERN } from "./sourced-ids.ts";

/** Settings of a roster export that the problem does not carry. */
export interface RosterWriteOptions {
  /** The school year as OneRoster counts it (the year it ends); default: the current one. */
  schoolYear?: number;
  /** sourcedId of the district org, parent of every school: must obey the sourcedId rule and differ from every school's. */
  districtId?: string;
  /** Name of the district org. */
  districtName?: string;
  /** source.systemName in manifest.csv. */
  systemName?: string;
}

/** Everything the row writers need, checked and indexed once. */
export interface ExportContext {
  /** The problem's rows of the exported schools only. */
  problem: Problem;
  rosters: SchoolRoster[];
  schoolYear: number;
  districtId: string;
  districtName: string;
  systemName: string;
  /** Input sections by school, then by section_id. */
  sections: Map<string, Map<string, Section>>;
  /** Courses by school, then by course_id. */
  courses: Map<string, Map<string, Course>>;
  /** classSourcedId, each class's worked out once: classes.csv and enrollments.csv both name it, and it may be a hash. */
  classId: (schoolId: string, sectionId: string) => string;
  /** courseSourcedId, each course's worked out once: courses.csv and every class of the course name it. */
  courseId: (schoolId: string, courseId: string) => string;
  /**
   * Each roster's (in `rosters`' order) enrollments' placements: at an enrollment's index, the
   * index in the roster's sections of its section's first placement. Found by the check that
   * every enrollment's section is placed, so that enrollments.csv's writer looks no section up
   * by its ID again (a lookup per seat, 3.9 million on a district).
   */
  placementOfEnrollment: Int32Array[];
}

/**
 * Narrows the problem to the schools that have a roster (so a one-school run exports one
 * school, and reading the directory back gives exactly the rosters written), indexes it,
 * and rejects rosters that cannot be written as OneRoster
 * (a roster of an unknown school, two rosters of one school, a placement of an unknown section, an enrollment in a
 * section the roster does not list, one ID used for a student and a teacher, two IDs with one
 * sourcedId), so that no half-consistent roster directory is ever written.
 */
export function exportContext(
  problem: Problem,
  rosters: SchoolRoster[],
  options: RosterWriteOptions = {},
): ExportContext {
  const districtId = options.districtId ?? "district";
  if (!SOURCED_ID_PATTERN.test(districtId)) {
    throw new Error(
      `the district org sourcedId "${districtId}" breaks the OneRoster rule (1-255 of 0-9 a-z A-Z . - _ / @)`,
    );
  }
  // Plain loops rather than map, some and spreads: with them a pool thread of the district export
  // optimized this function anew school after school (--trace-deopt: 41 deopts on a wrong map at
  // the arrays of map and the spread, 10 optimizations; with loops 0 and 4).
  const schoolIds = new Set<string>();
  for (const school of problem.schools) schoolIds.add(school.schoolId);
  for (const school of problem.schools) {
    if (idSourcedId(school.schoolId) === districtId) {
      throw new Error(
        `the district org sourcedId "${districtId}" is also a school's sourcedId; pass another districtId`,
      );
    }
  }
  const exported = new Set<string>();
  for (const roster of rosters) {
    if (!schoolIds.has(roster.schoolId)) throw new Error(`roster of unknown school "${roster.schoolId}"`);
    if (exported.has(roster.schoolId)) throw new Error(`two rosters of school "${roster.schoolId}"`);
    exported.add(roster.schoolId);
  }
  const narrowed = narrowToSchools(problem, exported);

  const sections = new Map<string, Map<string, Section>>();
  for (const schoolId of exported) sections.set(schoolId, new Map());
  for (const section of narrowed.sections) sections.get(section.schoolId)!.set(section.sectionId, section);
  const courses = new Map<string, Map<string, Course>>();
  for (const schoolId of exported) courses.set(schoolId, new Map());
  for (const course of narrowed.courses) courses.get(course.schoolId)!.set(course.courseId, course);

  const placementOfEnrollment: Int32Array[] = [];
  for (const roster of rosters) {
    const schoolSections = sections.get(roster.schoolId)!;
    const placed = new Map<string, number>();
    for (let p = 0; p < roster.sections.length; p++) {
      const { sectionId } = roster.sections[p]!;
      if (!schoolSections.has(sectionId)) {
        throw new Error(`school "${roster.schoolId}": roster places unknown section "${sectionId}"`);
      }
      if (!placed.has(sectionId)) placed.set(sectionId, p);
    }
    const { enrollments } = roster;
    const placementOf = new Int32Array(enrollments.length);
    for (let e = 0; e < enrollments.length; e++) {
      const placement = placed.get(enrollments[e]!.sectionId);
      if (placement === undefined) {
        throw new Error(
          `school "${roster.schoolId}": student "${enrollments[e]!.studentId}" is enrolled in section "${enrollments[e]!.sectionId}", which the roster does not list`,
        );
      }
      placementOf[e] = placement;
    }
    placementOfEnrollment.push(placementOf);
  }

  const teacherIds = new Set<string>();
  for (const teacher of narrowed.teachers) teacherIds.add(teacher.teacherId);
  for (const student of narrowed.students) {
    if (teacherIds.has(student.studentId)) throw studentAndTeacherError(student.studentId);
  }
  const schoolSourcedIds = distinctSourcedIds("school_id");
  for (const school of narrowed.schools) schoolSourcedIds(school.schoolId);
  const userSourcedIds = distinctSourcedIds("user ID");
  for (const student of narrowed.students) userSourcedIds(student.studentId);
  for (const teacher of narrowed.teachers) userSourcedIds(teacher.teacherId);

  return {
    problem: narrowed,
    rosters,
    schoolYear: options.schoolYear ?? schoolYearOf(new Date()),
    districtId,
    districtName: options.districtName ?? "District",
    systemName: options.systemName ?? "master-schedule-engine",
    sections,
    courses,
    classId: remembered(classSourcedId),
    courseId: remembered(courseSourcedId),
    placementOfEnrollment,
  };
}

/** A sourcedId maker of (school, ID) that works each one out once. */
function remembered(make: (schoolId: string, id: string) => string): (schoolId: string, id: string) => string {
  const bySchool = new Map<string, Map<string, string>>();
  return (schoolId, id) => {
    let made = bySchool.get(schoolId);
    if (!made) bySchool.set(schoolId, (made = new Map()));
    let sourcedId = made.get(id);
    if (sourcedId === undefined) made.set(id, (sourcedId = make(schoolId, id)));
    return sourcedId;
  };
}

/** A UUID as nameUuid spells it: the only sourcedId an ID that obeys the rule can share with a hashed one. */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A check that IDs given one after the other never share a sourcedId, for a district's IDs met
 * school by school. Two IDs could only share one if one of them is spelled as the UUID the other
 * one is given: refused rather than written, since a consumer would merge the two. An ID that
 * obeys the rule and is not a UUID is its own sourcedId and shares it with no other, so only
 * the others are kept (none, in a district of plain IDs).
 */
export function distinctSourcedIds(what: string): (id: string) => void {
  const owners = new Map<string, string>();
  return (id) => {
    if (SOURCED_ID_PATTERN.test(id) && !UUID_SHAPE.test(id)) return;
    const sourcedId = idSourcedId(id);
    const owner = owners.get(sourcedId);
    if (owner !== undefined && owner !== id) {
      throw new Error(`${what}s "${owner}" and "${id}" would share the OneRoster sourcedId "${sourcedId}"`);
    }
    owners.set(sourcedId, id);
  };
}

/** The refusal of an ID that is both a student's and a teacher's. */
export function studentAndTeacherError(id: string): Error {
  return new Error(`"${id}" is both a student_id and a teacher_id; OneRoster users need distinct sourcedIds`);
}

function narrowToSchools(problem: Problem, schoolIds: Set<string>): Problem {
  return {
    schools: ofSchools(problem.schools, schoolIds),
    courses: ofSchools(problem.courses, schoolIds),
    teachers: ofSchools(problem.teachers, schoolIds),
    rooms: ofSchools(problem.rooms, schoolIds),
    sections: ofSchools(problem.sections, schoolIds),
    students: ofSchools(problem.students, schoolIds),
    requests: ofSchools(problem.requests, schoolIds),
    avoid: ofSchools(problem.avoid, schoolIds),
  };
}

/** The rows of the schools `schoolIds`. */
function ofSchools<T extends { schoolId: string }>(rows: T[], schoolIds: Set<string>): T[] {
  // The nightly exports every school: a district's millions of rows are then kept as they are,
  // not copied. For one school (each of `mse export`'s) a row costs a comparison, not a lookup.
  const [only] = schoolIds;
  const ofThem = schoolIds.size === 1 ? (row: T) => row.schoolId === only : (row: T) => schoolIds.has(row.schoolId);
  for (let i = 0; i < rows.length; i++) if (!ofThem(rows[i]!)) return rows.filter(ofThem);
  return rows;
}
