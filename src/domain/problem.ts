/**
 * The scheduling problem as plain data, exactly as interchange format v1 describes it
 * (see docs/interchange-v1.md). Every importer produces this and every exporter
 * and the independent validator read it; the solver compiles it to typed arrays.
 *
 * Optional fields are `undefined` when the cell was empty ("not given").
 */

export const SCHOOL_KINDS = ["elementary", "middle", "high", "span", "continuation", "special_education"] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];

export const SETTINGS = ["general", "co_taught", "sdc"] as const;
/** Where a section is taught: a general class, a co-taught class, or a special day class. */
export type Setting = (typeof SETTINGS)[number];

/** Grade -1 is TK, 0 is K. */
export const GRADE_MIN = -1;
export const GRADE_MAX = 12;

export interface School {
  schoolId: string;
  name: string;
  kind: SchoolKind;
  gradeLow: number;
  gradeHigh: number;
  /** Class periods a day, numbered 1..periods. */
  periods: number;
  /** Terms of the school year, e.g. ["Y"] or ["S1", "S2"]. */
  terms: string[];
  /**
   * v1.1: periods a student may eat in; when given, every student keeps at least one of them
   * free in every term (constraint 13). Undefined or empty = no lunch rule.
   */
  lunchPeriods?: number[];
}

export interface Course {
  schoolId: string;
  courseId: string;
  title: string;
  gradeLow: number;
  gradeHigh: number;
  subject?: string;
  credits?: number;
}

export interface Teacher {
  schoolId: string;
  teacherId: string;
  givenName?: string;
  familyName?: string;
  /** v1.1: the address a learning platform matches the teacher's account by. */
  email?: string;
  maxSections?: number;
  /** Total students across all of the teacher's sections. */
  maxStudents?: number;
  unavailablePeriods: number[];
  /** May co-teach a co-taught section or teach an SDC section. */
  specialEducation: boolean;
  /** Course IDs the teacher may teach; empty = any course. */
  qualifiedCourses: string[];
}

export interface Room {
  schoolId: string;
  roomId: string;
  capacity: number;
}

export interface Section {
  schoolId: string;
  sectionId: string;
  courseId: string;
  capacity: number;
  teacherId?: string;
  coTeacherId?: string;
  roomId?: string;
  /** Undefined = the master-schedule builder places it. */
  period?: number;
  /** Resolved at import: an empty cell means all of the school's terms. */
  terms: string[];
  setting: Setting;
  /** Most students with an IEP the section may hold; undefined = no limit. */
  iepCapacity?: number;
  /** Period, teacher and room may not move. */
  locked: boolean;
  /** v1.1: only students of this team may sit in it (constraint 11). */
  teamId?: string;
  /** v1.1: sections of one school sharing it are linked (constraint 12). */
  linkId?: string;
  /** v1.1: consecutive periods the section meets, from `period` on; undefined = 1 (constraint 10). */
  length?: number;
}

export interface Student {
  schoolId: string;
  studentId: string;
  grade: number;
  givenName?: string;
  familyName?: string;
  iep: boolean;
  gender?: string;
  /** v1.1: the address a learning platform matches the student's account by. */
  email?: string;
  /** v1.1: the student's team, house or small learning community (constraint 11). */
  teamId?: string;
}

export interface CourseRequest {
  schoolId: string;
  studentId: string;
  courseId: string;
  /** 1 = must have; higher = less important. */
  priority: number;
  /** course_id of the request this one replaces if that one cannot be met. */
  alternateFor?: string;
  requiredSetting?: Setting;
  lockedSectionId?: string;
}

export interface AvoidPair {
  schoolId: string;
  studentId: string;
  otherStudentId: string;
}

/** A whole problem: one school or a district, rows in file order. */
export interface Problem {
  schools: School[];
  courses: Course[];
  teachers: Teacher[];
  rooms: Room[];
  sections: Section[];
  students: Student[];
  requests: CourseRequest[];
  avoid: AvoidPair[];
}

/** The rows of one school: what the solver works on. */
export interface SchoolProblem {
  school: School;
  courses: Course[];
  teachers: Teacher[];
  rooms: Room[];
  sections: Section[];
  students: Student[];
  requests: CourseRequest[];
  avoid: AvoidPair[];
}
