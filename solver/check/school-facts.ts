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
  /** The section's number (SchoolFacts.sectionList). */
  number: number;
  placement: SectionPlacement;
  period: number;
  /** Every period it meets in: period .. period + length - 1 (v1.1 constraint 10). */
  periods: number[];
  /** The terms it meets in: its own, or all of the school's when the row left them empty. */
  terms: string[];
}

/**
 * The seats: one student seated in one section, both known to the school, in roster order; the
 * i-th seat's student and section numbers at index i of two typed arrays (an object per seat was
 * a district's 3.9 million allocations).
 */
export interface Seats {
  student: Int32Array;
  section: Int32Array;
}

/**
 * A table of rows by owner, as one flat list: owner o's rows are at from[o] .. from[o + 1] - 1
 * (in input order), so that no owner has an array of its own.
 */
export interface RangeTable<T> {
  from: Int32Array;
  rows: T;
}

/**
 * One school's problem and roster, indexed once so that every check is a single pass. Students
 * and sections are numbered (the first row of an ID; duplicates are the importer's to reject)
 * and what a check looks up per student or per section is a typed array or a range of one flat
 * list: a district has 683,000 students, and a map, an array or a set per student was most of the
 * validator's time (and of its garbage collection). Enrollments naming an unknown student or
 * section are left out of the seats (the structural checks report them), and a (student,
 * section) pair listed twice is seated once.
 */
export interface SchoolFacts {
  school: School;
  roster: SchoolRoster;
  courses: Map<string, Course>;
  teachers: Map<string, Teacher>;
  rooms: Map<string, Room>;
  /** The input sections by section_id. */
  sections: Map<string, Section>;
  avoid: AvoidPair[];
  /** The roster's placement of each section_id (the first one if listed twice). */
  placements: Map<string, SectionPlacement>;
  /** Known sections the roster gives a period, by section_id. */
  meeting: Map<string, MeetingSection>;
  /** The school's students by number; studentNumber gives an ID's. */
  studentList: Student[];
  studentNumber: Map<string, number>;
  /** The school's sections by number; sectionNumber gives an ID's. */
  sectionList: Section[];
  sectionNumber: Map<string, number>;
  /** Each section's MeetingSection by number (undefined when it does not meet). */
  meetingOf: (MeetingSection | undefined)[];
  seats: Seats;
  /** Each student's section numbers, in roster order, by student number. */
  sectionsOf: RangeTable<Int32Array>;
  /** The students with a seat, by number, in the order of their first seat. */
  seatedStudents: Int32Array;
  /** The sections with a seat, by number, in the order of their first seat. */
  seatedSections: Int32Array;
  /** How many students each section holds, and how many of them have an IEP, by section number. */
  headcount: Int32Array;
  iepHeadcount: Int32Array;
  /**
   * The requests of each requester, in input order: owners 0 .. students - 1 are the students by
   * number; owners from there on are requesters the school does not have (strangerIds).
   */
  requestsOf: RangeTable<CourseRequest[]>;
  /**
   * Course IDs as numbers, so that a student's few requests and seats are matched by number, not
   * by comparing strings: every course_id a section or a request names and every alternate_for.
   */
  courseCode: Map<string, number>;
  /** Each section's course code, by section number. */
  sectionCourse: Int32Array;
  /** Each request's course code and its alternate_for's (-1: none), at its place in requestsOf.rows. */
  requestCourse: Int32Array;
  requestAlternateFor: Int32Array;
  /**
   * Each seat's first request of its course by its student (its place in requestsOf.rows; -1:
   * none), found once for the checks that ask it of every seat (requested-course,
   * required-setting) rather than by each of them.
   */
  seatRequest: Int32Array;
  /** Every requester, by owner number, in the order of their first request. */
  requesters: Int32Array;
  /** The student IDs of requesters the school does not have, by owner number - students. */
  strangerIds: string[];
  /** Enrollments naming a student the school does not have, in roster order. */
  unknownStudentEnrollments: Enrollment[];
  /** Enrollments naming a section the school does not have, in roster order. */
  unknownSectionEnrollments: Enrollment[];
  /** Enrollments of a (student, section) pair listed before, known or not, in roster order. */
  repeatedEnrollments: Enrollment[];
}

/** The student ID of a requester (an owner number of requestsOf). */
export function requesterId(facts: SchoolFacts, owner: number): string {
  const { studentList } = facts;
  return owner < studentList.length ? studentList[owner]!.studentId : facts.strangerIds[owner - studentList.length]!;
}

/**
 * The first of a student's sections that is of the course (by its code), if any (a handful:
 * searched, not indexed). `student` may be any requester: one the school does not have has no sections.
 */
export function sectionOfCourse(facts: SchoolFacts, student: number, course: number): Section | undefined {
  const { from, rows } = facts.sectionsOf;
  if (student >= facts.studentList.length) return undefined;
  for (let k = from[student]!; k < from[student + 1]!; k++) {
    if (facts.sectionCourse[rows[k]!] === course) return facts.sectionList[rows[k]!];
  }
  return undefined;
}

/** How many sections the student (by number) is seated in. */
export function seatCount(facts: SchoolFacts, student: number): number {
  return facts.sectionsOf.from[student + 1]! - facts.sectionsOf.from[student]!;
}

/** Indexes one school's rows and its roster for the checks. */
export function schoolFacts(rows: SchoolRows, roster: SchoolRoster): SchoolFacts {
  const { list: sectionList, number: sectionNumber } = numbered(rows.sections, (section) => section.sectionId);
  const { list: studentList, number: studentNumber } = numbered(rows.students, (student) => student.studentId);
  const sections = new Map(sectionList.map((section) => [section.sectionId, section]));
  const courseCode = new Map<string, number>();
  const codeOf = (courseId: string) => {
    let code = courseCode.get(courseId);
    if (code === undefined) courseCode.set(courseId, (code = courseCode.size));
    return code;
  };
  const sectionCourse = Int32Array.from(sectionList, (section) => codeOf(section.courseId));

  const placements = new Map<string, SectionPlacement>();
  for (const placement of roster.sections) {
    if (!placements.has(placement.sectionId)) placements.set(placement.sectionId, placement);
  }

  const meeting = new Map<string, MeetingSection>();
  const meetingOf = new Array<MeetingSection | undefined>(sectionList.length).fill(undefined);
  for (const [sectionId, placement] of placements) {
    const number = sectionNumber.get(sectionId);
    if (number === undefined || placement.period === undefined) continue;
    const section = sectionList[number]!;
    const terms = section.terms.length > 0 ? section.terms : rows.school.terms;
    const periods: number[] = [];
    for (let k = 0; k < (section.length ?? 1); k++) periods.push(placement.period + k);
    const meets = { section, number, placement, period: placement.period, periods, terms };
    meeting.set(sectionId, meets);
    meetingOf[number] = meets;
  }

  const seatFactsOf = seatFacts(roster.enrollments, studentList, studentNumber, sectionNumber);
  const requestFactsOf = requestFacts(rows.requests, studentList.length, studentNumber, codeOf);
  return {
    school: rows.school,
    roster,
    courses: firstByKey(rows.courses, (course) => course.courseId),
    teachers: firstByKey(rows.teachers, (teacher) => teacher.teacherId),
    rooms: firstByKey(rows.rooms, (room) => room.roomId),
    sections,
    avoid: rows.avoid,
    placements,
    meeting,
    studentList,
    studentNumber,
    sectionList,
    sectionNumber,
    meetingOf,
    ...seatFactsOf,
    courseCode,
    sectionCourse,
    ...requestFactsOf,
    seatRequest: seatRequests(seatFactsOf.seats, sectionCourse, requestFactsOf),
  };
}

/** Each seat's first request of its course by its student (SchoolFacts.seatRequest). */
function seatRequests(
  seats: Seats,
  sectionCourse: Int32Array,
  { requestsOf, requestCourse }: Pick<SchoolFacts, "requestsOf" | "requestCourse">,
): Int32Array {
  const { from } = requestsOf;
  const seatRequest = new Int32Array(seats.student.length).fill(-1);
  for (let i = 0; i < seats.student.length; i++) {
    const student = seats.student[i]!;
    const course = sectionCourse[seats.section[i]!]!;
    for (let r = from[student]!; r < from[student + 1]!; r++) {
      if (requestCourse[r] !== course) continue;
      seatRequest[i] = r;
      break;
    }
  }
  return seatRequest;
}

type SeatFacts = Pick<
  SchoolFacts,
  | "seats"
  | "sectionsOf"
  | "seatedStudents"
  | "seatedSections"
  | "headcount"
  | "iepHeadcount"
  | "unknownStudentEnrollments"
  | "unknownSectionEnrollments"
  | "repeatedEnrollments"
>;

/**
 * The seats, one pass over the enrollments that also finds what the structural checks report
 * (unknown IDs, pairs listed twice), and the seats by student and by section.
 */
function seatFacts(
  enrollments: Enrollment[],
  studentList: Student[],
  studentNumber: Map<string, number>,
  sectionNumber: Map<string, number>,
): SeatFacts {
  const n = enrollments.length;
  const students = studentList.length;
  const pairStudent = new Int32Array(n);
  const pairSection = new Int32Array(n);
  const pairPosition = new Int32Array(n);
  const perStudent = new Int32Array(students + 1);
  const firstSeen = new Uint8Array(sectionNumber.size);
  const seatedStudents: number[] = [];
  const seatedSections: number[] = [];
  const unknownStudentEnrollments: Enrollment[] = [];
  const unknownSectionEnrollments: Enrollment[] = [];
  // Roster positions of repeated pairs; pairs naming an unknown ID are found by key (rare).
  const repeated: number[] = [];
  const unknownPairs = new Set<string>();
  let pairs = 0;
  // A roster's enrollments come a student at a time (the store reads them by student): one
  // lookup per student, not per seat.
  let lastId: string | undefined;
  let last: number | undefined;
  for (let e = 0; e < n; e++) {
    const enrollment = enrollments[e]!;
    if (enrollment.studentId !== lastId) {
      lastId = enrollment.studentId;
      last = studentNumber.get(lastId);
    }
    const student = last;
    const section = sectionNumber.get(enrollment.sectionId);
    if (student === undefined) unknownStudentEnrollments.push(enrollment);
    if (section === undefined) unknownSectionEnrollments.push(enrollment);
    if (student === undefined || section === undefined) {
      const key = JSON.stringify([enrollment.studentId, enrollment.sectionId]);
      if (unknownPairs.has(key)) repeated.push(e);
      else unknownPairs.add(key);
      continue;
    }
    if (perStudent[student + 1]++ === 0) seatedStudents.push(student);
    if (firstSeen[section] === 0) {
      firstSeen[section] = 1;
      seatedSections.push(section);
    }
    pairStudent[pairs] = student;
    pairSection[pairs] = section;
    pairPosition[pairs] = e;
    pairs++;
  }

  // The pairs by student (a stable counting sort), then a pair listed again found in its
  // student's few sections (no set per student or section: 3.9 million insertions on a district).
  const from = perStudent;
  for (let s = 0; s < students; s++) from[s + 1]! += from[s]!;
  const fill = from.slice(0, students);
  const bySection = new Int32Array(pairs);
  const byPosition = new Int32Array(pairs);
  for (let p = 0; p < pairs; p++) {
    const at = fill[pairStudent[p]!]!++;
    bySection[at] = pairSection[p]!;
    byPosition[at] = p;
  }
  let repeats: Uint8Array | undefined;
  for (let s = 0; s < students; s++) {
    for (let k = from[s]! + 1; k < from[s + 1]!; k++) {
      for (let j = from[s]!; j < k; j++) {
        if (bySection[j] !== bySection[k]) continue;
        (repeats ??= new Uint8Array(pairs))[byPosition[k]!] = 1;
        break;
      }
    }
  }

  const seatCount = repeats ? pairs - repeats.reduce((sum, r) => sum + r, 0) : pairs;
  const seats: Seats = { student: new Int32Array(seatCount), section: new Int32Array(seatCount) };
  const headcount = new Int32Array(sectionNumber.size);
  const iepHeadcount = new Int32Array(sectionNumber.size);
  let seat = 0;
  for (let p = 0; p < pairs; p++) {
    if (repeats?.[p]) {
      repeated.push(pairPosition[p]!);
      continue;
    }
    const student = pairStudent[p]!;
    const section = pairSection[p]!;
    seats.student[seat] = student;
    seats.section[seat] = section;
    seat++;
    headcount[section]!++;
    if (studentList[student]!.iep) iepHeadcount[section]!++;
  }

  let sectionsOf: RangeTable<Int32Array> = { from, rows: bySection };
  if (repeats) sectionsOf = withoutRepeats(sectionsOf, byPosition, repeats);
  return {
    seats,
    sectionsOf,
    seatedStudents: Int32Array.from(seatedStudents),
    seatedSections: Int32Array.from(seatedSections),
    headcount,
    iepHeadcount,
    unknownStudentEnrollments,
    unknownSectionEnrollments,
    repeatedEnrollments: repeated.sort((a, b) => a - b).map((e) => enrollments[e]!),
  };
}

/** The table without the pairs marked as repeats (by their place among the known pairs). */
function withoutRepeats(
  table: RangeTable<Int32Array>,
  byPosition: Int32Array,
  repeats: Uint8Array,
): RangeTable<Int32Array> {
  const owners = table.from.length - 1;
  const from = new Int32Array(owners + 1);
  const rows: number[] = [];
  for (let s = 0; s < owners; s++) {
    for (let k = table.from[s]!; k < table.from[s + 1]!; k++) if (!repeats[byPosition[k]!]) rows.push(table.rows[k]!);
    from[s + 1] = rows.length;
  }
  return { from, rows: Int32Array.from(rows) };
}

/** Each requester's requests in one flat list; requesters the school does not have are numbered after its students. */
function requestFacts(
  requests: CourseRequest[],
  students: number,
  studentNumber: Map<string, number>,
  codeOf: (courseId: string) => number,
): Pick<SchoolFacts, "requestsOf" | "requesters" | "strangerIds" | "requestCourse" | "requestAlternateFor"> {
  const owner = new Int32Array(requests.length);
  const counts: number[] = new Array<number>(students + 1).fill(0);
  const requesters: number[] = [];
  const strangerIds: string[] = [];
  const strangers = new Map<string, number>();
  let lastId: string | undefined;
  let last = -1;
  // Whether the requests come requester after requester in owner order already (a store's do:
  // it reads them student by student), so that the flat list is the requests as they are.
  let inOrder = true;
  for (let r = 0; r < requests.length; r++) {
    const { studentId } = requests[r]!;
    if (studentId !== lastId) {
      lastId = studentId;
      const known = studentNumber.get(studentId);
      if (known !== undefined) last = known;
      else {
        let stranger = strangers.get(studentId);
        if (stranger === undefined) {
          strangers.set(studentId, (stranger = students + strangerIds.length));
          strangerIds.push(studentId);
          counts.push(0);
        }
        last = stranger;
      }
      if (r > 0 && last < owner[r - 1]!) inOrder = false;
    }
    owner[r] = last;
    if (counts[last + 1]!++ === 0) requesters.push(last);
  }
  const from = Int32Array.from(counts);
  for (let o = 0; o + 1 < from.length; o++) from[o + 1]! += from[o]!;
  let rows = requests;
  if (!inOrder) {
    const fill = from.slice(0, from.length - 1);
    rows = new Array<CourseRequest>(requests.length);
    for (let r = 0; r < requests.length; r++) rows[fill[owner[r]!]!++] = requests[r]!;
  }
  const requestCourse = new Int32Array(rows.length);
  const requestAlternateFor = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const { courseId, alternateFor } = rows[r]!;
    requestCourse[r] = codeOf(courseId);
    requestAlternateFor[r] = alternateFor === undefined ? -1 : codeOf(alternateFor);
  }
  return {
    requestsOf: { from, rows },
    requesters: Int32Array.from(requesters),
    strangerIds,
    requestCourse,
    requestAlternateFor,
  };
}

/** Rows numbered in input order, the first row of each key (duplicates are the importer's to reject). */
function numbered<T>(rows: T[], key: (row: T) => string): { list: T[]; number: Map<string, number> } {
  const list: T[] = [];
  const number = new Map<string, number>();
  for (const row of rows) {
    const id = key(row);
    if (number.has(id)) continue;
    number.set(id, list.length);
    list.push(row);
  }
  return { list, number };
}

function firstByKey<T>(rows: T[], key: (row: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) {
    // The first row wins, as for placements: duplicates are the importer's to reject.
    if (!map.has(key(row))) map.set(key(row), row);
  }
  return map;
}
