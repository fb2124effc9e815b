/**
 * Column lists of the OneRoster 1.2.1 CSV binding, in the order the specification gives them
 * (users.csv without the resourceSourcedIds column that 1.2.1 removed). Bulk files must leave
 * status and dateLastModified empty, which this exporter does.
 */

export const MANIFEST_COLUMNS = ["propertyName", "value"] as const;

export const ORGS_COLUMNS = [
  "sourcedId",
  "status",
  "dateLastModified",
  "name",
  "type",
  "identifier",
  "parentSourcedId",
] as const;

export const ACADEMIC_SESSIONS_COLUMNS = [
  "sourcedId",
  "status",
  "dateLastModified",
  "title",
  "type",
  "startDate",
  "endDate",
  "parentSourcedId",
  "schoolYear",
] as const;

export const COURSES_COLUMNS = [
  "sourcedId",
  "status",
  "dateLastModified",
  "schoolYearSourcedId",
  "title",
  "courseCode",
  "grades",
  "orgSourcedId",
  "subjects",
  "subjectCodes",
] as const;

export const CLASSES_COLUMNS = [
  "sourcedId",
  "status",
  "dateLastModified",
  "title",
  "grades",
  "courseSourcedId",
  "classCode",
  "classType",
  "location",
  "schoolSourcedId",
  "termSourcedIds",
  "subjects",
  "subjectCodes",
  "periods",
] as const;

export const USERS_COLUMNS = [
  "sourcedId",
  "status",
  "dateLastModified",
  "enabledUser",
  "username",
  "userIds",
  "givenName",
  "familyName",
  "middleName",
  "identifier",
  "email",
  "sms",
  "phone",
  "agentSourcedIds",
  "grades",
  "password",
  "userMasterIdentifier",
  "preferredGivenName",
  "preferredMiddleName",
  "preferredFamilyName",
  "primaryOrgSourcedId",
  "pronouns",
] as const;

export const ROLES_COLUMNS = [
  "sourcedId",
  "status",
  "dateLastModified",
  "userSourcedId",
  "roleType",
  "role",
  "beginDate",
  "endDate",
  "orgSourcedId",
  "userProfileSourcedId",
] as const;

export const ENROLLMENTS_COLUMNS = [
  "sourcedId",
  "status",
  "dateLastModified",
  "classSourcedId",
  "schoolSourcedId",
  "userSourcedId",
  "role",
  "primary",
  "beginDate",
  "endDate",
] as const;

/** Not OneRoster: the primary requests a run could not meet, beside the OneRoster files. */
export const UNSCHEDULED_COLUMNS = ["school_id", "student_id", "course_id", "priority", "reason"] as const;

/** A row of one of the files above: column name to cell text (missing = empty cell). */
export type Row<C extends readonly string[]> = Partial<Record<C[number], string>>;

/** Columns holding fixed words only (none of them needs quoting). */
const WORD_COLUMNS = new Set(["status", "dateLastModified", "enabledUser", "classType", "roleType", "role", "primary"]);

/**
 * The columns of a file whose cells never need CSV quoting by construction: one sourcedId (the
 * GUID rule's characters only, see sourced-ids.ts) or a fixed word. They are written as they
 * are, without looking for a comma or a quote: enrollments.csv is nothing else, four million
 * rows on a district. A list of sourcedIds (termSourcedIds) is not one of them.
 */
export function plainColumns(columns: readonly string[]): string[] {
  return columns.filter((column) => column === "sourcedId" || column.endsWith("SourcedId") || WORD_COLUMNS.has(column));
}
