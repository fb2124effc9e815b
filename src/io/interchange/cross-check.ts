/**
 * Whole-problem checks: each row against the rows of the files read before it (unknown
 * or duplicate IDs, references into another school, periods, terms and grades outside
 * the school's). Files are read in dependency order, so one pass over each file suffices.
 */
import type {
  AvoidPair,
  Course,
  CourseRequest,
  Problem,
  Room,
  School,
  Section,
  Student,
  Teacher,
} from "../../domain/problem.ts";
import {
  findInSchool,
  schoolHolding,
  type PerSchool,
  type ProblemIndex,
  type RequestSchool,
  type Seen,
} from "./problem-index.ts";
import { noteRequest } from "./check-student-requests.ts";
import type { IdTable } from "./rising-id-table.ts";
import type { RowCells } from "./schema/table-schema.ts";
import type { TableName } from "./tables.ts";

/** Records an issue at a line and column of the file being checked. */
export type Report = (line: number, column: string, message: string) => void;

const q = (s: string): string => JSON.stringify(s);

/** Adds an ID unique across the district, or reports it as a duplicate; true when added. */
function addUnique<T>(
  table: IdTable<Seen<T>>,
  id: string | undefined,
  seen: Seen<T>,
  column: string,
  noun: string,
  report: Report,
): boolean {
  if (id === undefined) return false;
  const first = table.get(id);
  if (first) report(seen.line, column, `duplicate ${noun} ${q(id)} (first on line ${first.line})`);
  else table.set(id, seen);
  return first === undefined;
}

/** Adds an ID unique within its school, or reports it as a duplicate. */
function addInSchool<T>(
  table: PerSchool<T>,
  schoolId: string | undefined,
  id: string | undefined,
  seen: Seen<T>,
  column: string,
  noun: string,
  report: Report,
): void {
  if (schoolId === undefined || id === undefined) return;
  let ids = table.get(schoolId);
  if (!ids) table.set(schoolId, (ids = new Map()));
  const first = ids.get(id);
  if (first)
    report(seen.line, column, `duplicate ${noun} ${q(id)} in school ${q(schoolId)} (first on line ${first.line})`);
  else ids.set(id, seen);
}

/**
 * Remembers a row's IDs, reporting duplicates. `row` is undefined when the row had errors
 * of its own: its IDs still count, so rows that refer to it are not reported as well.
 */
export function registerRow(
  name: TableName,
  cells: RowCells,
  row: Problem[TableName][number] | undefined,
  line: number,
  index: ProblemIndex,
  report: Report,
): void {
  if (name === "requests") {
    if (row === undefined && cells.studentId !== undefined && cells.courseId !== undefined) {
      index.invalidRequests.push({ studentId: cells.studentId, courseId: cells.courseId });
    }
    return;
  }
  const school = cells.schoolId;
  // Typed loosely here: each case stores the row into the table of its own kind.
  const seen = { line, row } as Seen<never>;
  switch (name) {
    case "schools":
      addUnique(index.schools, school, seen, "school_id", "school", report);
      return;
    case "courses":
      return addInSchool(index.courses, school, cells.courseId, seen, "course_id", "course", report);
    case "teachers":
      addUnique(index.teachers, cells.teacherId, seen, "teacher_id", "teacher", report);
      return;
    case "rooms":
      return addInSchool(index.rooms, school, cells.roomId, seen, "room_id", "room", report);
    case "sections":
      return addInSchool(index.sections, school, cells.sectionId, seen, "section_id", "section", report);
    case "students":
      if (addUnique(index.students, cells.studentId, seen, "student_id", "student", report))
        index.studentAtLine[line] = seen;
      return;
    case "avoid":
      return;
  }
}

/** The row's school when it is known and valid; reports an unknown school. */
function schoolOf(schoolId: string, line: number, index: ProblemIndex, report: Report): School | undefined {
  const seen = index.schools.get(schoolId);
  if (seen === undefined && !index.unusable.has("schools")) report(line, "school_id", `unknown school ${q(schoolId)}`);
  return seen?.row;
}

/** True when the school is known not to exist (already reported): its references are not checked. */
function schoolIsUnknown(schoolId: string, index: ProblemIndex): boolean {
  return !index.unusable.has("schools") && !index.schools.has(schoolId);
}

/** Reports `id` when no row of `table` in the same school has it; returns the row found. */
function referInSchool<T>(
  table: PerSchool<T>,
  tableName: TableName,
  schoolId: string,
  id: string | undefined,
  noun: string,
  column: string,
  line: number,
  index: ProblemIndex,
  report: Report,
): Seen<T> | undefined {
  if (id === undefined || index.unusable.has(tableName) || schoolIsUnknown(schoolId, index)) return undefined;
  const seen = findInSchool(table, schoolId, id);
  if (seen === undefined) {
    const elsewhere = schoolHolding(table, schoolId, id);
    const hint = elsewhere === undefined ? "" : ` (found in school ${q(elsewhere)})`;
    report(line, column, `unknown ${noun} ${q(id)} in school ${q(schoolId)}${hint}`);
  }
  return seen;
}

/** Like referInSchool, for IDs unique across the district (teachers, students). */
function referDistrictWide<T extends { schoolId: string }>(
  table: IdTable<Seen<T>>,
  tableName: TableName,
  schoolId: string,
  id: string | undefined,
  noun: string,
  column: string,
  line: number,
  index: ProblemIndex,
  report: Report,
): Seen<T> | undefined {
  if (id === undefined || index.unusable.has(tableName) || schoolIsUnknown(schoolId, index)) return undefined;
  const seen = table.get(id);
  if (seen === undefined) {
    report(line, column, `unknown ${noun} ${q(id)} in school ${q(schoolId)}`);
    return undefined;
  }
  if (seen.row !== undefined && seen.row.schoolId !== schoolId) {
    report(line, column, `unknown ${noun} ${q(id)} in school ${q(schoolId)} (found in school ${q(seen.row.schoolId)})`);
    return undefined;
  }
  return seen;
}

function checkGradeRange(row: { gradeLow: number; gradeHigh: number }, line: number, report: Report): void {
  if (row.gradeLow > row.gradeHigh) {
    report(line, "grade_low", `grade_low ${row.gradeLow} is above grade_high ${row.gradeHigh}`);
  }
}

function checkPeriod(period: number, school: School, column: string, line: number, report: Report): void {
  if (period > school.periods) {
    report(
      line,
      column,
      `period ${period} is outside 1..${school.periods}, the periods of school ${q(school.schoolId)}`,
    );
  }
}

/** A section of length L placed at period p meets in p..p+L-1: all of them within the school's day. */
function checkLength(section: Section, school: School, line: number, report: Report): void {
  const length = section.length ?? 1;
  if (length > school.periods) {
    report(
      line,
      "length",
      `length ${length} is longer than the ${school.periods} periods of school ${q(school.schoolId)}`,
    );
  } else if (
    section.period !== undefined &&
    section.period <= school.periods &&
    section.period + length - 1 > school.periods
  ) {
    report(
      line,
      "length",
      `length ${length} from period ${section.period} runs past period ${school.periods}, the last of school ${q(school.schoolId)}`,
    );
  }
}

const checkSchool = (school: School, line: number, _index: ProblemIndex, report: Report): void => {
  checkGradeRange(school, line, report);
  for (const p of school.lunchPeriods ?? []) checkPeriod(p, school, "lunch_periods", line, report);
};

const checkCourse = (course: Course, line: number, index: ProblemIndex, report: Report): void => {
  schoolOf(course.schoolId, line, index, report);
  checkGradeRange(course, line, report);
};

const checkTeacher = (teacher: Teacher, line: number, index: ProblemIndex, report: Report): void => {
  const school = schoolOf(teacher.schoolId, line, index, report);
  if (school) for (const p of teacher.unavailablePeriods) checkPeriod(p, school, "unavailable_periods", line, report);
  for (const courseId of teacher.qualifiedCourses) {
    referInSchool(
      index.courses,
      "courses",
      teacher.schoolId,
      courseId,
      "course",
      "qualified_courses",
      line,
      index,
      report,
    );
  }
};

const checkRoom = (room: Room, line: number, index: ProblemIndex, report: Report): void => {
  schoolOf(room.schoolId, line, index, report);
};

const checkSection = (section: Section, line: number, index: ProblemIndex, report: Report): void => {
  const { schoolId } = section;
  const school = schoolOf(schoolId, line, index, report);
  referInSchool(index.courses, "courses", schoolId, section.courseId, "course", "course_id", line, index, report);
  referDistrictWide(
    index.teachers,
    "teachers",
    schoolId,
    section.teacherId,
    "teacher",
    "teacher_id",
    line,
    index,
    report,
  );
  referDistrictWide(
    index.teachers,
    "teachers",
    schoolId,
    section.coTeacherId,
    "teacher",
    "co_teacher_id",
    line,
    index,
    report,
  );
  referInSchool(index.rooms, "rooms", schoolId, section.roomId, "room", "room_id", line, index, report);
  if (!school) return;
  if (section.period !== undefined) checkPeriod(section.period, school, "period", line, report);
  checkLength(section, school, line, report);
  if (section.terms.length === 0) {
    section.terms = school.terms.slice();
    return;
  }
  for (const term of section.terms) {
    if (!school.terms.includes(term)) {
      report(line, "terms", `term ${q(term)} is not a term of school ${q(schoolId)} (${school.terms.join(";")})`);
    }
  }
};

const checkStudent = (student: Student, line: number, index: ProblemIndex, report: Report): void => {
  const school = schoolOf(student.schoolId, line, index, report);
  if (school) student.schoolId = school.schoolId;
  if (school && (student.grade < school.gradeLow || student.grade > school.gradeHigh)) {
    report(
      line,
      "grade",
      `grade ${student.grade} is outside grades ${school.gradeLow}..${school.gradeHigh} of school ${q(school.schoolId)}`,
    );
  }
};

/** The school `schoolId` as its requests see it (see RequestSchool). */
function requestSchool(schoolId: string, index: ProblemIndex): RequestSchool {
  const seen = index.schools.get(schoolId);
  const checked = !index.unusable.has("courses") && !schoolIsUnknown(schoolId, index);
  return {
    schoolId,
    seen,
    reportUnknown: seen === undefined && !index.unusable.has("schools"),
    courses: checked ? (index.courses.get(schoolId) ?? new Map()) : undefined,
  };
}

const checkRequest = (request: CourseRequest, line: number, index: ProblemIndex, report: Report): void => {
  const { schoolId } = request;
  // A school's requests come one after another: its lookups are reused (as schoolOf and referInSchool would do them).
  let at = index.lastRequestSchool;
  if (at === undefined || at.schoolId !== schoolId) index.lastRequestSchool = at = requestSchool(schoolId, index);
  if (at.reportUnknown) report(line, "school_id", `unknown school ${q(schoolId)}`);
  const school = at.seen?.row;
  // A student's requests usually come one after another, and students one after another as
  // students.csv lists them: reusing the last lookup, or else taking the student on the next
  // line, spares a search of a 680,000-entry map for nearly every row. Only a valid student
  // of this school, the one the map holds for its ID, is taken so, so every wrong row is still
  // reported.
  const last = index.lastRequestStudent;
  const next = last === undefined ? undefined : index.studentAtLine[last.line + 1];
  const student =
    last?.row !== undefined && last.row.studentId === request.studentId && last.row.schoolId === schoolId
      ? last
      : next?.row !== undefined && next.row.studentId === request.studentId && next.row.schoolId === schoolId
        ? next
        : referDistrictWide(
            index.students,
            "students",
            schoolId,
            request.studentId,
            "student",
            "student_id",
            line,
            index,
            report,
          );
  if (student?.row) index.lastRequestStudent = student;
  const course =
    at.courses?.get(request.courseId) ??
    (at.courses === undefined
      ? undefined
      : referInSchool(
          index.courses,
          "courses",
          schoolId,
          request.courseId,
          "course",
          "course_id",
          line,
          index,
          report,
        ));
  // A district has millions of requests naming the same few thousand IDs: pointing each at
  // the one string already held by its school, student and course row saves hundreds of MB.
  if (school) request.schoolId = school.schoolId;
  if (student?.row) request.studentId = student.row.studentId;
  if (course?.row) request.courseId = course.row.courseId;
  // The same for the course an alternate replaces (whether the student requests it is checked
  // at the end): a course ID of 13 characters or more, cut from the file's text, would keep
  // the megabyte of text it was cut from alive.
  if (request.alternateFor !== undefined) {
    const primary = at.courses?.get(request.alternateFor)?.row;
    if (primary) request.alternateFor = primary.courseId;
  }
  const locked = referInSchool(
    index.sections,
    "sections",
    schoolId,
    request.lockedSectionId,
    "section",
    "locked_section_id",
    line,
    index,
    report,
  );
  if (locked?.row && locked.row.courseId !== request.courseId) {
    report(
      line,
      "locked_section_id",
      `section ${q(locked.row.sectionId)} is a section of course ${q(locked.row.courseId)}, not ${q(request.courseId)}`,
    );
  }
  if (request.alternateFor === request.courseId) {
    report(line, "alternate_for", `a request cannot be an alternate for its own course ${q(request.courseId)}`);
  }
  // The student's line in students.csv tells students apart without a set of their IDs.
  const studentLine = (student ?? index.students.get(request.studentId))?.line ?? -1;
  noteRequest(index.requestRun, request, line, studentLine, report);
};

const checkAvoid = (pair: AvoidPair, line: number, index: ProblemIndex, report: Report): void => {
  const { schoolId } = pair;
  schoolOf(schoolId, line, index, report);
  referDistrictWide(index.students, "students", schoolId, pair.studentId, "student", "student_id", line, index, report);
  referDistrictWide(
    index.students,
    "students",
    schoolId,
    pair.otherStudentId,
    "student",
    "other_student_id",
    line,
    index,
    report,
  );
  if (pair.studentId === pair.otherStudentId) {
    report(line, "other_student_id", `student ${q(pair.studentId)} cannot be kept apart from themselves`);
  }
};

/** The whole-problem checks of each file's valid rows; a check may complete the row (section terms). */
export const CHECK_ROW: {
  [K in TableName]: (row: Problem[K][number], line: number, index: ProblemIndex, report: Report) => void;
} = {
  schools: checkSchool,
  courses: checkCourse,
  teachers: checkTeacher,
  rooms: checkRoom,
  sections: checkSection,
  students: checkStudent,
  requests: checkRequest,
  avoid: checkAvoid,
};
