/**
 * The sourcedIds this engine gives OneRoster objects, in the CSV files and over REST alike.
 *
 * The OneRoster 1.2.1 CSV binding allows a GUID of at most 255 characters of
 * `0-9 a-z A-Z . - _ / @` only. Interchange IDs may hold any character, and section_id,
 * course_id and term names are unique only within their school. So:
 *
 * - a school or a user (unique across the district) keeps its ID as sourcedId when the ID
 *   obeys the rule; any other ID becomes the name-based UUID (v5) of the ID;
 * - an object keyed within a school joins its parts with `/` when every part obeys the rule
 *   and holds no `/` (so the split is unambiguous and two objects never share a sourcedId):
 *
 *     class          <school>/<section>                   HS-0101/ENG9-1
 *     course         <school>/course/<course>             HS-0101/course/ENG9
 *     term           <school>/term/<term>                 HS-0101/term/S1
 *     grading period <school>/gradingPeriod/<term>        HS-0101/gradingPeriod/S1
 *     school year    <district>/schoolYear/<year>         district/schoolYear/2027
 *     enrollment     <school>/<section>/<kind>/<user>     kind = student | teacher | coteacher
 *                    <class UUID>/<kind>/<user>            when the class's sourcedId is a UUID
 *     role           <school>/<user>/role/<role>
 *
 *   and otherwise becomes the UUID v5 of the JSON array [kind, ...parts] (kind = "class",
 *   "course", ...), e.g. ["class","MS 101","MATH 6 (A)"].
 *
 * Every kind of object has its own shape (number of parts, and the literal in the middle: an
 * enrollment's third part is student, teacher or coteacher, never "role"), so no two objects of
 * any kinds share a sourcedId. A joined sourcedId always holds a `/` and a UUID never does.
 * Every UUID is made in the namespace ONEROSTER_NAMESPACE, so every export, and the REST
 * service, gives an object the same sourcedId. The readable IDs stay in `identifier` (orgs,
 * users), `classCode` and `courseCode`.
 */
import { hash } from "node:crypto";
import { parse as parseUuid } from "uuid";

/** The OneRoster GUID rule: at most 255 characters of 0-9 a-z A-Z . - _ / @. */
export const SOURCED_ID_PATTERN = /^[0-9a-zA-Z.\-_/@]{1,255}$/;

/** The namespace of every UUID v5 made here (itself a fixed random UUID: change it and every sourcedId changes). */
export const ONEROSTER_NAMESPACE = "6f1d3c2a-8b4e-4f7a-9c15-2d8e0b7a4c61";

/** A part that may be joined with `/`: the rule's characters except `/` itself. */
const JOINABLE_PART = /^[0-9a-zA-Z.\-_@]+$/;

const NAMESPACE_BYTES = parseUuid(ONEROSTER_NAMESPACE);

/** The variant's hex digit (RFC 9562: bits 10xx) for each value of the hash's two bits kept there. */
const VARIANT_DIGITS = "89ab";

/**
 * The UUID v5 of a name in our namespace (RFC 9562: the SHA-1 of namespace and name, version
 * and variant bits set), as uuid's v5 makes it (tests/io/oneroster/sourced-ids.test.ts holds the
 * two to the same text). Made here with one call of node's one-shot hash: uuid's v5 opens a hash
 * object per name, and a district's classes and courses are 190,000 names. Spelled from the
 * hash's hex, its version and variant digits set in the text: uuid's stringify of the digest
 * checks its own output with a regular expression; the district's 148,424 class names took
 * 250 ms that way and 110 ms this way.
 */
export function nameUuid(name: string): string {
  const hex = hash("sha1", Buffer.concat([NAMESPACE_BYTES, Buffer.from(name, "utf8")]), "hex");
  const variant = VARIANT_DIGITS[parseInt(hex[16]!, 16) & 3]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The sourcedId of an object with a district-wide ID (a school, a user): the ID itself where it obeys the rule. */
export function idSourcedId(id: string): string {
  return SOURCED_ID_PATTERN.test(id) ? id : nameUuid(id);
}

/** The sourcedId of an object keyed by several parts: joined with `/` when readable, else a UUID v5. */
function joinedSourcedId(kind: string, parts: string[]): string {
  if (allJoinable(parts)) {
    const joined = parts.join("/");
    if (joined.length <= 255) return joined;
  }
  return nameUuid(JSON.stringify([kind, ...parts]));
}

function allJoinable(parts: string[]): boolean {
  for (const part of parts) if (!JOINABLE_PART.test(part)) return false;
  return true;
}

/** The sourcedId of a section's class. */
export function classSourcedId(schoolId: string, sectionId: string): string {
  return joinedSourcedId("class", [schoolId, sectionId]);
}

/** The sourcedId of a school's course. */
export function courseSourcedId(schoolId: string, courseId: string): string {
  return joinedSourcedId("course", [schoolId, "course", courseId]);
}

/** The sourcedId of one term of a school (an academicSession of type term). */
export function termSourcedId(schoolId: string, term: string): string {
  return joinedSourcedId("term", [schoolId, "term", term]);
}

/** The sourcedId of the grading period of a term (an academicSession of type gradingPeriod spanning the term). */
export function gradingPeriodSourcedId(schoolId: string, term: string): string {
  return joinedSourcedId("gradingPeriod", [schoolId, "gradingPeriod", term]);
}

/** The sourcedId of the district's school year (an academicSession of type schoolYear). */
export function schoolYearSourcedId(districtId: string, schoolYear: number): string {
  return joinedSourcedId("schoolYear", [districtId, "schoolYear", String(schoolYear)]);
}

/** How a user sits in a class: as a student, as its teacher or as its co-teacher. */
export type EnrollmentKind = "student" | "teacher" | "coteacher";

/**
 * The sourcedId of one enrollment of a user in a section's class (`classId`: the class's
 * sourcedId, when the caller has it already). Where the class's sourcedId is a UUID and the
 * user's is joinable, `<class UUID>/<kind>/<user>` spares a hash per seat: three parts, the
 * middle one student, teacher or coteacher, so it meets no other shape.
 */
export function enrollmentSourcedId(
  schoolId: string,
  sectionId: string,
  kind: EnrollmentKind,
  userId: string,
  classId = classSourcedId(schoolId, sectionId),
): string {
  return classEnrollmentSourcedIds(schoolId, sectionId, classId)(kind, userId);
}

/**
 * enrollmentSourcedId for the users of one class, what depends only on the class worked out
 * once: a district has millions of seats in a few tens of thousands of classes.
 */
export function classEnrollmentSourcedIds(
  schoolId: string,
  sectionId: string,
  classId = classSourcedId(schoolId, sectionId),
): (kind: EnrollmentKind, userId: string) => string {
  const prefix = classSeatPrefix(schoolId, sectionId, classId);
  return (kind, userId) => seatSourcedId(prefix, schoolId, sectionId, kind, userId, joinablePart(userId));
}

/** Whether an ID may be one part of a joined sourcedId: the GUID rule's characters except `/`. */
export function joinablePart(id: string): boolean {
  return JOINABLE_PART.test(id);
}

/** What the joined sourcedIds of a class's enrollments start with, before `<kind>/<user>`. */
export function classSeatPrefix(schoolId: string, sectionId: string, classId: string): string {
  // A class's sourcedId is joined (it holds a `/`) exactly when its school and section are
  // joinable and short enough; else it is a UUID.
  return classId.includes("/") ? `${schoolId}/${sectionId}/` : `${classId}/`;
}

/**
 * enrollmentSourcedId in a class whose seats start with `prefix` (classSeatPrefix), `joinable`
 * telling whether the user's ID is (joinablePart): what a writer of millions of seats works out
 * once per student rather than once per seat.
 */
export function seatSourcedId(
  prefix: string,
  schoolId: string,
  sectionId: string,
  kind: EnrollmentKind,
  userId: string,
  joinable: boolean,
): string {
  if (seatJoins(prefix, kind, userId, joinable)) return `${prefix}${kind}/${userId}`;
  return nameUuid(JSON.stringify(["enrollment", schoolId, sectionId, kind, userId]));
}

/** Whether seatSourcedId joins `${prefix}${kind}/${userId}` (a joinable ID, and the rule's 255 characters at most), rather than hash it. */
export function seatJoins(prefix: string, kind: EnrollmentKind, userId: string, joinable: boolean): boolean {
  return joinable && prefix.length + kind.length + 1 + userId.length <= 255;
}

/** The sourcedId of a user's role at a school. */
export function roleSourcedId(schoolId: string, role: "student" | "teacher", userId: string): string {
  return joinedSourcedId("role", [schoolId, userId, "role", role]);
}
