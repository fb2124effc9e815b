import type {
  AvoidPair,
  Course,
  CourseRequest,
  Room,
  School,
  Section,
  Student,
  Teacher,
} from "../../src/domain/problem.ts";
import type { Enrollment, SchoolRoster, SectionPlacement } from "../../src/domain/roster.ts";

/** The rows of one school's problem, as the validator receives them. */
export interface SchoolRows {
  school: School;
  courses: Course[];
  teachers: Teacher[];
  rooms: Room[];
  sections: Section[];
  students: Student[];
  requests: CourseRequest[];
  avoid: AvoidPair[];
}

/** A section that meets: the school has it and the roster gives it a period. */
export interface MeetingSection {
  section: Section;
  placement: SectionPlacement;
  period: number;
  /** Every period it meets in: period .. period + length - 1 (v1.1 constraint 10). */
  periods: number[];
  /** The terms it meets in: its own, or all of the school's when the row left them empty. */
  terms: string[];
}

/**
 * The seats: one student seated in one section, both known to the school, the i-th seat's
 * student and section at index i of two arrays (an object per seat was a district's 3.9
 * million allocations).
 */
export interface Seats {
  students: Student[];
  sections: Section[];
}

/**
 * One school's problem and roster, indexed once so that every check is a single pass.
 * Enrollments naming an unknown student or section are left out of `seats` (the structural
 * checks report them), and a (student, section) pair listed twice is seated once. Indexes are
 * made only where a check looks things up by key: a district has 683,000 students, and an
 * index per student (a map of each one's courses, a set of each one's sections) was most of
 * the validator's time and memory.
 */
export interface SchoolFacts {
  school: School;
  roster: SchoolRoster;
  courses: Map<string, Course>;
  teachers: Map<string, Teacher>;
  rooms: Map<string, Room>;
  /** The input sections by section_id. */
  sections: Map<string, Section>;
  students: Map<string, Student>;
  requestsByStudent: Map<string, CourseRequest[]>;
  avoid: AvoidPair[];
  /** The roster's placement of each section_id (the first one if listed twice). */
  placements: Map<string, SectionPlacement>;
  /** Known sections the roster gives a period, by section_id. */
  meeting: Map<string, MeetingSection>;
  seats: Seats;
  studentsBySection: Map<string, Student[]>;
  /** Each seated student's sections, in roster order (a handful: searched, not indexed, by course). */
  sectionsByStudent: Map<string, Section[]>;
  /** Enrollments of a (student, section) pair listed before, known or not, in roster order. */
  repeatedEnrollments: Enrollment[];
}

/** The first of a student's sections (sectionsByStudent) that is of `courseId`, if any. */
export function sectionOfCourse(sections: readonly Section[], courseId: string): Section | undefined {
  for (const section of sections) if (section.courseId === courseId) return section;
  return undefined;
}

/** Indexes one school's rows and its roster for the checks. */
export function schoolFacts(rows: SchoolRows, roster: SchoolRoster): SchoolFacts {
  const sections = byKey(rows.sections, (section) => section.sectionId);
  const students = byKey(rows.students, (student) => student.studentId);

  const placements = new Map<string, SectionPlacement>();
  for (const placement of roster.sections) {
    if (!placements.has(placement.sectionId)) placements.set(placement.sectionId, placement);
  }

  const meeting = new Map<string, MeetingSection>();
  for (const [sectionId, placement] of placements) {
    const section = sections.get(sectionId);
    if (!section || placement.period === undefined) continue;
    const terms = section.terms.length > 0 ? section.terms : rows.school.terms;
    const periods: number[] = [];
    for (let k = 0; k < (section.length ?? 1); k++) periods.push(placement.period + k);
    meeting.set(sectionId, { section, placement, period: placement.period, periods, terms });
  }

  const seats: Seats = { students: [], sections: [] };
  const studentsBySection = new Map<string, Student[]>();
  const sectionsByStudent = new Map<string, Section[]>();
  const repeatedEnrollments: Enrollment[] = [];
  // A known pair listed again is found in the student's few sections (no set per student or
  // section: 3.9 million insertions on a district); pairs naming an unknown ID, by key.
  const unknownPairs = new Set<string>();
  for (const enrollment of roster.enrollments) {
    const student = students.get(enrollment.studentId);
    const section = sections.get(enrollment.sectionId);
    if (!student || !section) {
      const key = JSON.stringify([enrollment.studentId, enrollment.sectionId]);
      if (unknownPairs.has(key)) repeatedEnrollments.push(enrollment);
      else unknownPairs.add(key);
      continue;
    }
    const seated = sectionsByStudent.get(student.studentId);
    if (seated?.includes(section)) {
      repeatedEnrollments.push(enrollment);
      continue;
    }
    if (seated) seated.push(section);
    else sectionsByStudent.set(student.studentId, [section]);
    seats.students.push(student);
    seats.sections.push(section);
    push(studentsBySection, section.sectionId, student);
  }

  const requestsByStudent = new Map<string, CourseRequest[]>();
  for (const request of rows.requests) push(requestsByStudent, request.studentId, request);

  return {
    school: rows.school,
    roster,
    courses: byKey(rows.courses, (course) => course.courseId),
    teachers: byKey(rows.teachers, (teacher) => teacher.teacherId),
    rooms: byKey(rows.rooms, (room) => room.roomId),
    sections,
    students,
    requestsByStudent,
    avoid: rows.avoid,
    placements,
    meeting,
    seats,
    studentsBySection,
    sectionsByStudent,
    repeatedEnrollments,
  };
}

/**
 * The requests of a student, looked up once for a run of seats of the same student: a roster's
 * enrollments come a student at a time (the store reads them by student), so a district's 3.9
 * million seats make 680,000 lookups.
 */
export function requestsOfSeats(facts: SchoolFacts): (student: Student) => CourseRequest[] {
  let last: Student | undefined;
  let requests: CourseRequest[] = [];
  return (student) => {
    if (student !== last) {
      last = student;
      requests = facts.requestsByStudent.get(student.studentId) ?? [];
    }
    return requests;
  };
}

function byKey<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) {
    // The first row wins, as for placements: duplicates are the importer's to reject.
    if (!map.has(key(row))) map.set(key(row), row);
  }
  return map;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
