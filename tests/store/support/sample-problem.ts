/** Small hand-made problems for the store specs: two schools, IDs and names that break naive SQL. */
import type { Problem, SchoolProblem } from "../../../src/domain/problem.ts";
import type { SchoolRoster } from "../../../src/domain/roster.ts";

/** One school whose IDs hold apostrophes, quotes, commas, semicolons, accents and emoji. */
export function trickySchool(schoolId = "MS-O'Hara"): SchoolProblem {
  const s = schoolId;
  return {
    school: {
      schoolId: s,
      name: `Dolores O'Hara Middle School, "Home of the Owls" 🦉`,
      kind: "middle",
      gradeLow: 6,
      gradeHigh: 8,
      periods: 3,
      terms: ["S1", "S2"],
    },
    courses: [
      {
        schoolId: s,
        courseId: "MATH'6",
        title: "Math 6; Ñandú",
        gradeLow: 6,
        gradeHigh: 6,
        subject: "MATH",
        credits: 1.5,
      },
      { schoolId: s, courseId: "ELA 6", title: "English 6", gradeLow: 6, gradeHigh: 6 },
      { schoolId: s, courseId: "ART", title: 'Art, "studio"', gradeLow: 6, gradeHigh: 8, subject: "ART" },
    ],
    teachers: [
      {
        schoolId: s,
        teacherId: `${s}:T-Núñez`,
        givenName: "Ana",
        familyName: "Núñez",
        maxSections: 3,
        maxStudents: 90,
        unavailablePeriods: [],
        specialEducation: false,
        qualifiedCourses: ["MATH'6", "ELA 6"],
      },
      {
        schoolId: s,
        teacherId: `${s}:T-D'Souza`,
        givenName: "Kwame",
        familyName: "D'Souza",
        unavailablePeriods: [3],
        specialEducation: true,
        qualifiedCourses: [],
      },
    ],
    rooms: [
      { schoolId: s, roomId: "A'1", capacity: 30 },
      { schoolId: s, roomId: "Studio ☀", capacity: 24 },
    ],
    sections: [
      {
        schoolId: s,
        sectionId: "MATH'6-1",
        courseId: "MATH'6",
        capacity: 28,
        teacherId: `${s}:T-Núñez`,
        roomId: "A'1",
        period: 1,
        terms: ["S1", "S2"],
        setting: "general",
        locked: false,
      },
      {
        schoolId: s,
        sectionId: "ELA 6-1",
        courseId: "ELA 6",
        capacity: 28,
        teacherId: `${s}:T-Núñez`,
        coTeacherId: `${s}:T-D'Souza`,
        roomId: "A'1",
        period: 2,
        terms: ["S1"],
        setting: "co_taught",
        iepCapacity: 4,
        locked: true,
      },
      {
        schoolId: s,
        sectionId: "ART-1",
        courseId: "ART",
        capacity: 24,
        roomId: "Studio ☀",
        terms: ["S1", "S2"],
        setting: "general",
        locked: false,
      },
    ],
    students: [
      {
        schoolId: s,
        studentId: `${s}:1`,
        grade: 6,
        givenName: "Siobhán",
        familyName: "O'Brien",
        iep: false,
        gender: "F",
      },
      { schoolId: s, studentId: `${s}:2`, grade: 6, givenName: "José-María", familyName: "García", iep: true },
      {
        schoolId: s,
        studentId: `${s}:3`,
        grade: 6,
        givenName: "D'Angelo",
        familyName: "L'Heureux Jr.",
        iep: false,
        gender: "M",
      },
      {
        schoolId: s,
        studentId: `${s}:4`,
        grade: 6,
        givenName: "Nguyễn",
        familyName: "Thị Mai",
        iep: true,
        gender: "F",
      },
    ],
    requests: [
      { schoolId: s, studentId: `${s}:1`, courseId: "MATH'6", priority: 1 },
      { schoolId: s, studentId: `${s}:1`, courseId: "ART", priority: 2, alternateFor: "ELA 6" },
      { schoolId: s, studentId: `${s}:1`, courseId: "ELA 6", priority: 1 },
      { schoolId: s, studentId: `${s}:2`, courseId: "ELA 6", priority: 1, requiredSetting: "co_taught" },
      { schoolId: s, studentId: `${s}:3`, courseId: "MATH'6", priority: 1, lockedSectionId: "MATH'6-1" },
      { schoolId: s, studentId: `${s}:4`, courseId: "ART", priority: 3 },
    ],
    avoid: [{ schoolId: s, studentId: `${s}:1`, otherStudentId: `${s}:3` }],
  };
}

/** Joins school problems into one district problem. */
export function districtOf(...schools: SchoolProblem[]): Problem {
  return {
    schools: schools.map((s) => s.school),
    courses: schools.flatMap((s) => s.courses),
    teachers: schools.flatMap((s) => s.teachers),
    rooms: schools.flatMap((s) => s.rooms),
    sections: schools.flatMap((s) => s.sections),
    students: schools.flatMap((s) => s.students),
    requests: schools.flatMap((s) => s.requests),
    avoid: schools.flatMap((s) => s.avoid),
  };
}

/**
 * A deterministic stand-in for the solver: seats each student in the first section of each
 * requested course, the seed choosing which of two ways to go round (so two seeds differ).
 */
export function simpleRoster(problem: SchoolProblem, seed: number): SchoolRoster {
  const sectionsOf = new Map<string, string[]>();
  for (const s of problem.sections) sectionsOf.set(s.courseId, [...(sectionsOf.get(s.courseId) ?? []), s.sectionId]);
  const avoided = (a: string, b: string) =>
    problem.avoid.some(
      (p) => (p.studentId === a && p.otherStudentId === b) || (p.studentId === b && p.otherStudentId === a),
    );
  const wanted = problem.requests
    .filter((r, i) => r.alternateFor === undefined && (seed % 2 === 0 || i % 3 !== 2))
    .flatMap((r) =>
      (sectionsOf.get(r.courseId) ?? []).slice(0, 1).map((sectionId) => ({ studentId: r.studentId, sectionId })),
    );
  // Valid, as every roster the store saves must be: a student whose avoid partner sits in the section is left out of it.
  const unique: SchoolRoster["enrollments"] = [];
  for (const e of new Map(wanted.map((e) => [`${e.studentId}\u0000${e.sectionId}`, e])).values()) {
    if (!unique.some((u) => u.sectionId === e.sectionId && avoided(u.studentId, e.studentId))) unique.push(e);
  }
  return {
    schoolId: problem.school.schoolId,
    sections: problem.sections.map((s) => ({
      sectionId: s.sectionId,
      period: s.period ?? 1 + (seed % problem.school.periods),
      teacherId: s.teacherId,
      coTeacherId: s.coTeacherId,
      roomId: s.roomId,
    })),
    enrollments: unique,
    unscheduled: problem.requests
      .filter(
        (r) =>
          r.alternateFor === undefined &&
          !unique.some((e) => e.studentId === r.studentId && sectionsOf.get(r.courseId)?.includes(e.sectionId)),
      )
      .map((r) => ({ studentId: r.studentId, courseId: r.courseId, priority: r.priority, reason: "no_seat" as const })),
  };
}

/** Enrollments in a canonical order, to compare rosters as sets. */
export function sortedEnrollments(roster: SchoolRoster): SchoolRoster["enrollments"] {
  return [...roster.enrollments].sort((a, b) =>
    a.studentId + "\u0000" + a.sectionId < b.studentId + "\u0000" + b.sectionId ? -1 : 1,
  );
}
