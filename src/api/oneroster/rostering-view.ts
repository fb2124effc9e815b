/**
 * The live rosters of the store, indexed for the OneRoster rostering service. Built once per
 * published state from exportLive (the same read as `mse export`) and the same row builders as
 * the CSV files, so an object has the same sourcedId and values over REST as in the CSV.
 * Objects are built when asked for, never all at once: a district's four million enrollments
 * stay the rosters they are, and a page of them is ten thousand small objects.
 */
import type { Course, School, Section, Student, Teacher } from "../../domain/problem.ts";
import type { Enrollment, SchoolRoster, SectionPlacement } from "../../domain/roster.ts";
import { exportContext, type ExportContext } from "../../io/oneroster/export-context.ts";
import {
  classSourcedId,
  courseSourcedId,
  gradingPeriodSourcedId,
  idSourcedId,
  schoolYearSourcedId,
  termSourcedId,
} from "../../io/oneroster/sourced-ids.ts";
import type { LiveExport } from "../../store/index.ts";

/** One school of the view: its rows, in export order, and its indexes. */
export interface SchoolView {
  index: number;
  school: School;
  sourcedId: string;
  roster: SchoolRoster;
  /** When its live roster was published: the dateLastModified of its objects. */
  modified: string;
  courses: Course[];
  /** Its classes: each placement with its input section. */
  classes: { section: Section; placement: SectionPlacement }[];
  /** Its students and teachers, each user once across the district. */
  students: Student[];
  teachers: Teacher[];
  /** Its teacher enrollments (teacher, then co-teacher, class by class), before its student seats. */
  teacherSeats: { placement: SectionPlacement; kind: "teacher" | "coteacher" }[];
  /** Class index by section_id. */
  classBySection: Map<string, number>;
  /** Each class's sourcedId (made once: it may be a hash), by class index. */
  classIds: string[];
  /** Student seats by section_id, built on first use. */
  seatsBySection?: Map<string, Enrollment[]>;
  /** Student seats by student_id, built on first use. */
  seatsByStudent?: Map<string, Enrollment[]>;
}

/** Where a sourcedId points. */
export type Located =
  | { kind: "org"; school?: SchoolView }
  | { kind: "session"; school?: SchoolView; type: "schoolYear" | "term" | "gradingPeriod"; termIndex: number }
  | { kind: "course"; school: SchoolView; course: Course }
  | { kind: "class"; school: SchoolView; classIndex: number }
  | { kind: "user"; school: SchoolView; role: "student"; person: Student }
  | { kind: "user"; school: SchoolView; role: "teacher"; person: Teacher };

export interface RosteringView {
  context: ExportContext;
  schools: SchoolView[];
  /** When the newest school was published: the dateLastModified of district-wide objects. */
  modified: string;
  /** Every org, session, course, class and user by sourcedId (enrollments are found from their parts). */
  bySourcedId: Map<string, Located>;
}

/** Indexes a live export (every school with a published roster) for the service. */
export function buildRosteringView(
  live: Pick<LiveExport, "problem" | "rosters">,
  publishedAt: Map<string, Date>,
): RosteringView {
  const context = exportContext(live.problem, live.rosters);
  const bySourcedId = new Map<string, Located>();
  const rostersBySchool = new Map(live.rosters.map((roster) => [roster.schoolId, roster]));
  const students = groupBy(context.problem.students);
  const teachers = groupBy(context.problem.teachers);
  const seenUsers = new Set<string>();
  const schools: SchoolView[] = [];
  let newest = 0;
  const courses = groupBy(context.problem.courses);
  bySourcedId.set(context.districtId, { kind: "org" });
  bySourcedId.set(schoolYearSourcedId(context.districtId, context.schoolYear), {
    kind: "session",
    type: "schoolYear",
    termIndex: -1,
  });
  for (const school of context.problem.schools) {
    const roster = rostersBySchool.get(school.schoolId)!;
    const sections = context.sections.get(school.schoolId)!;
    const published = publishedAt.get(school.schoolId) ?? new Date(0);
    newest = Math.max(newest, published.getTime());
    const view: SchoolView = {
      index: schools.length,
      school,
      sourcedId: idSourcedId(school.schoolId),
      roster,
      modified: published.toISOString(),
      courses: courses.get(school.schoolId) ?? [],
      classes: roster.sections.map((placement) => ({ section: sections.get(placement.sectionId)!, placement })),
      students: (students.get(school.schoolId) ?? []).filter((s) => firstSeen(seenUsers, s.studentId)),
      teachers: (teachers.get(school.schoolId) ?? []).filter((t) => firstSeen(seenUsers, t.teacherId)),
      teacherSeats: [],
      classBySection: new Map(),
      classIds: [],
    };
    for (const placement of roster.sections) {
      if (placement.teacherId !== undefined) view.teacherSeats.push({ placement, kind: "teacher" });
      if (placement.coTeacherId !== undefined) view.teacherSeats.push({ placement, kind: "coteacher" });
    }
    bySourcedId.set(view.sourcedId, { kind: "org", school: view });
    for (const [termIndex, term] of school.terms.entries()) {
      bySourcedId.set(termSourcedId(school.schoolId, term), { kind: "session", school: view, type: "term", termIndex });
      bySourcedId.set(gradingPeriodSourcedId(school.schoolId, term), {
        kind: "session",
        school: view,
        type: "gradingPeriod",
        termIndex,
      });
    }
    for (const course of view.courses)
      bySourcedId.set(courseSourcedId(school.schoolId, course.courseId), { kind: "course", school: view, course });
    for (const [classIndex, { section }] of view.classes.entries()) {
      view.classBySection.set(section.sectionId, classIndex);
      view.classIds.push(classSourcedId(school.schoolId, section.sectionId));
      bySourcedId.set(view.classIds[classIndex]!, { kind: "class", school: view, classIndex });
    }
    for (const person of view.students)
      bySourcedId.set(idSourcedId(person.studentId), { kind: "user", school: view, role: "student", person });
    for (const person of view.teachers)
      bySourcedId.set(idSourcedId(person.teacherId), { kind: "user", school: view, role: "teacher", person });
    schools.push(view);
  }
  return { context, schools, modified: new Date(newest).toISOString(), bySourcedId };
}

/** A school's student seats by section_id. */
export function seatsBySection(school: SchoolView): Map<string, Enrollment[]> {
  return (school.seatsBySection ??= groupSeats(school.roster.enrollments, (seat) => seat.sectionId));
}

/** A school's student seats by student_id. */
export function seatsByStudent(school: SchoolView): Map<string, Enrollment[]> {
  return (school.seatsByStudent ??= groupSeats(school.roster.enrollments, (seat) => seat.studentId));
}

function groupSeats(seats: Enrollment[], key: (seat: Enrollment) => string): Map<string, Enrollment[]> {
  const groups = new Map<string, Enrollment[]>();
  for (const seat of seats) {
    const list = groups.get(key(seat));
    if (list) list.push(seat);
    else groups.set(key(seat), [seat]);
  }
  return groups;
}

function groupBy<T extends { schoolId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.schoolId);
    if (list) list.push(row);
    else groups.set(row.schoolId, [row]);
  }
  return groups;
}

function firstSeen(seen: Set<string>, id: string): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
}
