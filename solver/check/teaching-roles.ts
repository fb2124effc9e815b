/**
 * A section's two teaching roles and the field of a section or placement that names each: the
 * checks of teachers go through them in turn. One list for the module, not a list of the two
 * per section (the validator's garbage on a district).
 */
export const TEACHING_ROLES = [
  { role: "teacher", field: "teacherId" },
  { role: "co-teacher", field: "coTeacherId" },
] as const;
