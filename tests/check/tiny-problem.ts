import type { Problem, Section } from "../../src/domain/problem.ts";
import type { SchoolRoster } from "../../src/domain/roster.ts";

/**
 * A hand-written equivalent of fixtures/examples/tiny (see its README): one middle school,
 * three periods, two semesters, five students. A fresh copy on every call, so a test may
 * break it freely.
 */
export function tinyProblem(): Problem {
  const school = "MS-101";
  const section = (row: Omit<Section, "schoolId" | "locked" | "setting"> & Partial<Section>): Section => ({
    schoolId: school,
    setting: "general",
    locked: false,
    ...row,
  });
  return {
    schools: [
      {
        schoolId: school,
        name: `Dolores O'Hara Middle School, "Home of the Owls"`,
        kind: "middle",
        gradeLow: 6,
        gradeHigh: 8,
        periods: 3,
        terms: ["S1", "S2"],
      },
    ],
    courses: [
      { schoolId: school, courseId: "MATH6", title: "Math 6", gradeLow: 6, gradeHigh: 6, subject: "MATH", credits: 1 },
      { schoolId: school, courseId: "MATH7", title: "Math 7", gradeLow: 7, gradeHigh: 8, subject: "MATH", credits: 1 },
      { schoolId: school, courseId: "ELA6", title: "English 6", gradeLow: 6, gradeHigh: 6, subject: "ELA", credits: 1 },
      { schoolId: school, courseId: "ELA7", title: "English 7", gradeLow: 7, gradeHigh: 8, subject: "ELA", credits: 1 },
      { schoolId: school, courseId: "ART", title: "Art", gradeLow: 6, gradeHigh: 8, subject: "ELEC", credits: 0.5 },
      { schoolId: school, courseId: "MUSIC", title: "Música", gradeLow: 6, gradeHigh: 8, subject: "ELEC", credits: 0.5 },
      { schoolId: school, courseId: "DRAMA", title: "Drama", gradeLow: 6, gradeHigh: 8, subject: "ELEC", credits: 1 },
    ],
    teachers: [
      { schoolId: school, teacherId: "T-1", givenName: "Ana", familyName: "Núñez", maxSections: 3, maxStudents: 90, unavailablePeriods: [], specialEducation: false, qualifiedCourses: ["MATH6", "MATH7"] },
      { schoolId: school, teacherId: "T-2", givenName: "Kwame", familyName: "D'Souza", maxSections: 3, maxStudents: 90, unavailablePeriods: [3], specialEducation: false, qualifiedCourses: ["ELA6", "ELA7"] },
      { schoolId: school, teacherId: "T-3", givenName: "Zoë", familyName: "Müller", maxSections: 3, maxStudents: 90, unavailablePeriods: [], specialEducation: true, qualifiedCourses: [] },
      { schoolId: school, teacherId: "T-4", givenName: "Li", familyName: "Smith, Jr.", maxSections: 3, maxStudents: 90, unavailablePeriods: [], specialEducation: false, qualifiedCourses: ["ART", "MUSIC", "DRAMA"] },
    ],
    rooms: [
      { schoolId: school, roomId: "A1", capacity: 30 },
      { schoolId: school, roomId: "A2", capacity: 30 },
      { schoolId: school, roomId: "Studio", capacity: 24 },
    ],
    sections: [
      section({ sectionId: "MATH6-1", courseId: "MATH6", capacity: 28, teacherId: "T-1", roomId: "A1", period: 1, terms: ["S1", "S2"] }),
      section({ sectionId: "MATH7-1", courseId: "MATH7", capacity: 28, teacherId: "T-1", coTeacherId: "T-3", roomId: "A1", period: 3, terms: ["S1", "S2"], setting: "co_taught", iepCapacity: 4 }),
      section({ sectionId: "ELA6-1", courseId: "ELA6", capacity: 28, teacherId: "T-2", coTeacherId: "T-3", roomId: "A2", period: 1, terms: ["S1", "S2"], setting: "co_taught", iepCapacity: 4, locked: true }),
      section({ sectionId: "ELA7-1", courseId: "ELA7", capacity: 28, teacherId: "T-2", roomId: "A2", period: 2, terms: ["S1", "S2"] }),
      section({ sectionId: "ELA7-SDC", courseId: "ELA7", capacity: 12, teacherId: "T-3", roomId: "A1", period: 2, terms: ["S1", "S2"], setting: "sdc" }),
      section({ sectionId: "ART-1", courseId: "ART", capacity: 24, teacherId: "T-4", roomId: "Studio", period: 2, terms: ["S1"] }),
      section({ sectionId: "MUSIC-1", courseId: "MUSIC", capacity: 24, teacherId: "T-4", roomId: "Studio", period: 2, terms: ["S2"] }),
      section({ sectionId: "DRAMA-1", courseId: "DRAMA", capacity: 24, teacherId: "T-4", terms: ["S1", "S2"] }),
    ],
    students: [
      { schoolId: school, studentId: "100001", grade: 6, givenName: "Siobhán", familyName: "O'Brien", iep: false, gender: "F" },
      { schoolId: school, studentId: "100002", grade: 6, givenName: "José-María", familyName: "García", iep: true, gender: "M" },
      { schoolId: school, studentId: "100003", grade: 7, givenName: "D'Angelo", familyName: "L'Heureux", iep: false, gender: "M" },
      { schoolId: school, studentId: "100004", grade: 8, givenName: "Nguyễn", familyName: "Thị Mai", iep: true, gender: "F" },
      { schoolId: school, studentId: "100005", grade: 7, givenName: "Émilie", familyName: "van der Berg", iep: false, gender: "X" },
    ],
    requests: [
      { schoolId: school, studentId: "100001", courseId: "MATH6", priority: 1 },
      { schoolId: school, studentId: "100001", courseId: "ELA6", priority: 1 },
      { schoolId: school, studentId: "100001", courseId: "ART", priority: 2 },
      { schoolId: school, studentId: "100001", courseId: "MUSIC", priority: 2 },
      { schoolId: school, studentId: "100002", courseId: "MATH6", priority: 1 },
      { schoolId: school, studentId: "100002", courseId: "ELA6", priority: 1, requiredSetting: "co_taught", lockedSectionId: "ELA6-1" },
      { schoolId: school, studentId: "100002", courseId: "DRAMA", priority: 3 },
      { schoolId: school, studentId: "100003", courseId: "MATH7", priority: 1 },
      { schoolId: school, studentId: "100003", courseId: "ELA7", priority: 1 },
      { schoolId: school, studentId: "100003", courseId: "DRAMA", priority: 2 },
      { schoolId: school, studentId: "100003", courseId: "ART", priority: 3, alternateFor: "DRAMA" },
      { schoolId: school, studentId: "100004", courseId: "MATH7", priority: 1, requiredSetting: "co_taught" },
      { schoolId: school, studentId: "100004", courseId: "ELA7", priority: 1, requiredSetting: "sdc" },
      { schoolId: school, studentId: "100005", courseId: "MATH7", priority: 1 },
      { schoolId: school, studentId: "100005", courseId: "ELA7", priority: 1 },
      { schoolId: school, studentId: "100005", courseId: "MUSIC", priority: 2 },
    ],
    avoid: [{ schoolId: school, studentId: "100003", otherStudentId: "100005" }],
  };
}

/**
 * A correct roster of the tiny problem, worked out by hand. DRAMA-1 is placed in period 3 in
 * room A2 (T-4 and A2 are free then). Period 1 holds both MATH6-1 and ELA6-1, so 100001 and
 * 100002 each miss one of them; 100003's DRAMA clashes with MATH7-1 and its alternate ART with
 * ELA7-1; 100005 is kept apart from 100003 and so misses MATH7 and ELA7. 100001 takes ART in
 * S1 and MUSIC in S2, both in period 2: legal, since they share no term.
 */
export function tinyRoster(): SchoolRoster[] {
  return [
    {
      schoolId: "MS-101",
      sections: [
        { sectionId: "MATH6-1", period: 1, teacherId: "T-1", roomId: "A1" },
        { sectionId: "MATH7-1", period: 3, teacherId: "T-1", coTeacherId: "T-3", roomId: "A1" },
        { sectionId: "ELA6-1", period: 1, teacherId: "T-2", coTeacherId: "T-3", roomId: "A2" },
        { sectionId: "ELA7-1", period: 2, teacherId: "T-2", roomId: "A2" },
        { sectionId: "ELA7-SDC", period: 2, teacherId: "T-3", roomId: "A1" },
        { sectionId: "ART-1", period: 2, teacherId: "T-4", roomId: "Studio" },
        { sectionId: "MUSIC-1", period: 2, teacherId: "T-4", roomId: "Studio" },
        { sectionId: "DRAMA-1", period: 3, teacherId: "T-4", roomId: "A2" },
      ],
      enrollments: [
        { studentId: "100001", sectionId: "MATH6-1" },
        { studentId: "100001", sectionId: "ART-1" },
        { studentId: "100001", sectionId: "MUSIC-1" },
        { studentId: "100002", sectionId: "ELA6-1" },
        { studentId: "100002", sectionId: "DRAMA-1" },
        { studentId: "100003", sectionId: "MATH7-1" },
        { studentId: "100003", sectionId: "ELA7-1" },
        { studentId: "100004", sectionId: "MATH7-1" },
        { studentId: "100004", sectionId: "ELA7-SDC" },
        { studentId: "100005", sectionId: "MUSIC-1" },
      ],
      unscheduled: [
        { studentId: "100001", courseId: "ELA6", priority: 1, reason: "period_conflict" },
        { studentId: "100002", courseId: "MATH6", priority: 1, reason: "period_conflict" },
        { studentId: "100003", courseId: "DRAMA", priority: 2, reason: "period_conflict" },
        { studentId: "100005", courseId: "MATH7", priority: 1, reason: "avoid_conflict" },
        { studentId: "100005", courseId: "ELA7", priority: 1, reason: "avoid_conflict" },
      ],
    },
  ];
}
