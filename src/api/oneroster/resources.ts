/**
 * OneRoster 1.2 REST objects, each made from the CSV row of the same object (the rows the CSV
 * export writes), so both bindings give the same sourcedIds and values. The REST binding adds
 * status and dateLastModified (bulk CSV leaves them empty), turns references into GUIDRefs
 * ({ href, sourcedId, type }) and lists into arrays.
 */
import type { Student, Teacher } from "../../domain/problem.ts";
import { gradingPeriodRow, schoolYearRow, termRow } from "../../io/oneroster/academic-sessions-rows.ts";
import { classRow } from "../../io/oneroster/classes-rows.ts";
import type { Row } from "../../io/oneroster/columns.ts";
import { courseRow } from "../../io/oneroster/courses-rows.ts";
import { studentEnrollmentRow, teacherEnrollmentRow } from "../../io/oneroster/enrollments-rows.ts";
import { districtOrgRow, schoolOrgRow } from "../../io/oneroster/orgs-rows.ts";
import { roleRow } from "../../io/oneroster/roles-rows.ts";
import { studentUserRow, teacherUserRow } from "../../io/oneroster/users-rows.ts";
import type { Enrollment } from "../../domain/roster.ts";
import type { RosteringView, SchoolView } from "./rostering-view.ts";

/** The path every href starts with. */
export const ROSTERING_BASE = "/ims/oneroster/rostering/v1p2";

/** A OneRoster REST object: plain JSON. */
export type Resource = Record<string, unknown>;

type RefType = "org" | "academicSession" | "course" | "class" | "user";
const REF_PATH: Record<RefType, string> = {
  org: "orgs",
  academicSession: "academicSessions",
  course: "courses",
  class: "classes",
  user: "users",
};

/** A GUIDRef to another object. */
function ref(type: RefType, sourcedId: string): Resource {
  return { href: `${ROSTERING_BASE}/${REF_PATH[type]}/${encodeURIComponent(sourcedId)}`, sourcedId, type };
}

const optionalRef = (type: RefType, sourcedId: string | undefined) => (sourcedId ? ref(type, sourcedId) : undefined);
const list = (cell: string | undefined) => (cell ? cell.split(",") : []);

/** Drops undefined members (JSON would too, but a `fields` selection should not see them). */
function compact(object: Resource): Resource {
  for (const key of Object.keys(object)) if (object[key] === undefined || object[key] === "") delete object[key];
  return object;
}

function base(row: { sourcedId?: string }, modified: string): Resource {
  return { sourcedId: row.sourcedId, status: "active", dateLastModified: modified };
}

/** The district's org. */
export function districtOrg(view: RosteringView): Resource {
  const row = districtOrgRow(view.context);
  return compact({
    ...base(row, view.modified),
    name: row.name,
    type: row.type,
    children: view.schools.map((s) => ref("org", s.sourcedId)),
  });
}

/** A school's org. */
export function schoolOrg(view: RosteringView, school: SchoolView): Resource {
  const row = schoolOrgRow(view.context, school.school);
  return compact({
    ...base(row, school.modified),
    name: row.name,
    type: row.type,
    identifier: row.identifier,
    parent: optionalRef("org", row.parentSourcedId),
  });
}

function session(
  row: Row<readonly string[]>,
  modified: string,
  org: Resource | undefined,
  children: Resource[],
): Resource {
  return compact({
    ...base(row, modified),
    title: row.title,
    type: row.type,
    startDate: row.startDate,
    endDate: row.endDate,
    parent: optionalRef("academicSession", row.parentSourcedId),
    children: children.length ? children : undefined,
    schoolYear: row.schoolYear,
    org,
  });
}

/** The district's school year. */
export function schoolYearSession(view: RosteringView): Resource {
  const terms = view.schools.flatMap((school) =>
    school.school.terms.map((_, index) =>
      ref("academicSession", termRow(view.context, school.school, index).sourcedId!),
    ),
  );
  return session(schoolYearRow(view.context), view.modified, ref("org", view.context.districtId), terms);
}

/** The index-th term of a school. */
export function termSession(view: RosteringView, school: SchoolView, index: number): Resource {
  const period = gradingPeriodRow(view.context, school.school, index);
  return session(termRow(view.context, school.school, index), school.modified, ref("org", school.sourcedId), [
    ref("academicSession", period.sourcedId!),
  ]);
}

/** The grading period of the index-th term of a school. */
export function gradingPeriodSession(view: RosteringView, school: SchoolView, index: number): Resource {
  return session(
    gradingPeriodRow(view.context, school.school, index),
    school.modified,
    ref("org", school.sourcedId),
    [],
  );
}

/** A course. */
export function course(view: RosteringView, school: SchoolView, index: number): Resource {
  const row = courseRow(view.context, school.courses[index]!);
  return compact({
    ...base(row, school.modified),
    title: row.title,
    schoolYear: optionalRef("academicSession", row.schoolYearSourcedId),
    courseCode: row.courseCode,
    grades: list(row.grades),
    subjects: list(row.subjects),
    org: ref("org", row.orgSourcedId!),
  });
}

/** A class. */
export function klass(view: RosteringView, school: SchoolView, index: number): Resource {
  const { section, placement } = school.classes[index]!;
  const row = classRow(section, placement, view.context.courses.get(section.schoolId)?.get(section.courseId));
  return compact({
    ...base(row, school.modified),
    title: row.title,
    classCode: row.classCode,
    classType: row.classType,
    location: row.location,
    grades: list(row.grades),
    subjects: list(row.subjects),
    course: ref("course", row.courseSourcedId!),
    school: ref("org", row.schoolSourcedId!),
    terms: list(row.termSourcedIds).map((id) => ref("academicSession", id)),
    periods: list(row.periods),
  });
}

/** A student or teacher, with their role at their school. */
export function user(school: SchoolView, role: "student" | "teacher", person: Student | Teacher): Resource {
  const id = role === "student" ? (person as Student).studentId : (person as Teacher).teacherId;
  const row = role === "student" ? studentUserRow(person as Student) : teacherUserRow(person as Teacher);
  const roleOf = roleRow(role, id, person);
  return compact({
    ...base(row, school.modified),
    userMasterIdentifier: row.userMasterIdentifier,
    username: row.username,
    userIds: [],
    enabledUser: row.enabledUser,
    givenName: row.givenName,
    familyName: row.familyName,
    middleName: row.middleName,
    identifier: row.identifier,
    email: row.email,
    grades: list(row.grades),
    roles: [{ roleType: roleOf.roleType, role: roleOf.role, org: ref("org", roleOf.orgSourcedId!) }],
    primaryOrg: optionalRef("org", row.primaryOrgSourcedId),
    agents: [],
  });
}

/** The index-th teacher enrollment of a school. */
export function teacherEnrollment(school: SchoolView, index: number): Resource {
  const seat = school.teacherSeats[index]!;
  const classId = school.classIds[school.classBySection.get(seat.placement.sectionId)!];
  return enrollment(teacherEnrollmentRow(school.school.schoolId, seat.placement, seat.kind, classId), school.modified);
}

/** A student's seat. */
export function studentEnrollment(school: SchoolView, seat: Enrollment): Resource {
  const classId = school.classIds[school.classBySection.get(seat.sectionId)!];
  return enrollment(studentEnrollmentRow(school.school.schoolId, seat, classId), school.modified);
}

function enrollment(row: Row<readonly string[]>, modified: string): Resource {
  return compact({
    ...base(row, modified),
    role: row.role,
    primary: row.primary,
    user: ref("user", row.userSourcedId!),
    class: ref("class", row.classSourcedId!),
    school: ref("org", row.schoolSourcedId!),
  });
}

/** The OneRoster sex of an interchange gender, where it says one. */
function sexOf(gender: string | undefined): string | undefined {
  const g = gender?.trim().toLowerCase();
  if (g === "m" || g === "male") return "male";
  if (g === "f" || g === "female") return "female";
  if (g === "x" || g === "o" || g === "other" || g === "nonbinary" || g === "non-binary") return "other";
  return g ? "unspecified" : undefined;
}

/** The demographics of a student who has a gender: the only demographic the interchange format carries. */
export function demographics(school: SchoolView, student: Student): Resource | undefined {
  const sex = sexOf(student.gender);
  if (sex === undefined) return undefined;
  return { sourcedId: studentUserRow(student).sourcedId, status: "active", dateLastModified: school.modified, sex };
}
