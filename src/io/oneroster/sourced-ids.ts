/**
 * The sourcedIds this engine gives OneRoster objects.
 *
 * OneRoster wants every class, course and academic session to have a district-wide unique
 * sourcedId, but interchange IDs are unique only within their school (section_id, course_id,
 * term names) and may hold any character, including ':' and ','. So each generated sourcedId
 * joins its parts with ':' after percent-encoding every part with encodeURIComponent, which
 * encodes ':' (as %3A), ',' (as %2C), '%', '"', '/' and every non-ASCII character. A part
 * therefore never holds ':' or ',', the split is unambiguous, the encoding is reversible
 * (decodeSourcedId), and a list of sourcedIds joined by ',' (termSourcedIds) stays parseable.
 *
 *   class          <school>:<section>                       e.g. MS-101:MATH6-1
 *   course         <school>:course:<course>                 e.g. MS-101:course:MATH6
 *   term           <school>:term:<term>                     e.g. MS-101:term:S1
 *   school year    <district>:schoolYear:<year>             e.g. district:schoolYear:2026
 *   enrollment     <school>:<section>:<kind>:<user>          kind = student | teacher | coteacher
 *   role           <school>:role:<role>:<user>              role = student | teacher
 *
 * Schools (orgs) and users keep their interchange IDs unchanged, as the contract asks:
 * orgs.sourcedId = school_id, users.sourcedId = student_id / teacher_id.
 */

/** Percent-encodes one part of a sourcedId so that it holds no ':' nor ','. */
export function encodePart(part: string): string {
  return encodeURIComponent(part);
}

/** Splits a generated sourcedId back into its decoded parts. */
export function decodeSourcedId(sourcedId: string): string[] {
  return sourcedId.split(":").map((part) => decodeURIComponent(part));
}

/** The sourcedId of a section's class: unique across the district. */
export function classSourcedId(schoolId: string, sectionId: string): string {
  return `${encodePart(schoolId)}:${encodePart(sectionId)}`;
}

/** The sourcedId of a school's course. */
export function courseSourcedId(schoolId: string, courseId: string): string {
  return `${encodePart(schoolId)}:course:${encodePart(courseId)}`;
}

/** The sourcedId of one term of a school (an academicSession of type term). */
export function termSourcedId(schoolId: string, term: string): string {
  return `${encodePart(schoolId)}:term:${encodePart(term)}`;
}

/** The sourcedId of the district's school year (an academicSession of type schoolYear). */
export function schoolYearSourcedId(districtId: string, schoolYear: number): string {
  return `${encodePart(districtId)}:schoolYear:${schoolYear}`;
}

/** How a user sits in a class: as a student, as its teacher or as its co-teacher. */
export type EnrollmentKind = "student" | "teacher" | "coteacher";

/** The sourcedId of one enrollment of a user in a section's class. */
export function enrollmentSourcedId(
  schoolId: string,
  sectionId: string,
  kind: EnrollmentKind,
  userId: string,
): string {
  return `${classSourcedId(schoolId, sectionId)}:${kind}:${encodePart(userId)}`;
}

/** The sourcedId of a user's role at a school. */
export function roleSourcedId(schoolId: string, role: "student" | "teacher", userId: string): string {
  return `${encodePart(schoolId)}:role:${role}:${encodePart(userId)}`;
}
