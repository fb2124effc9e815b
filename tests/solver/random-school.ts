import type {
  AvoidPair,
  Course,
  CourseRequest,
  Room,
  SchoolProblem,
  Section,
  Setting,
  Student,
  Teacher,
} from "../../src/domain/problem.ts";

/** Knobs of a random school; everything else follows from the seed. */
export interface RandomSchoolOptions {
  students: number;
  /** Class periods a day (default 4..7 from the seed). */
  periods?: number;
  /** Semesters S1;S2 instead of a year-long term (default: from the seed). */
  semesters?: boolean;
  /** Seats per student request, about 1 = tight (default 0.95..1.15 from the seed). */
  seatRatio?: number;
}

function rng(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random high school that breaks no placement rule (teachers, co-teachers and rooms never
 * double-booked, teachers available when they teach, special-education teachers for SDC and
 * co-taught sections), with every feature the loader must respect: grade ranges, IEP students
 * with required settings, IEP capacities, teacher max_students, room capacities below section
 * capacities, semester courses, priorities 1-3, alternates, locked requests, avoid pairs,
 * requests nobody can meet and sections left without a period.
 */
export function randomSchool(seed: number, options: RandomSchoolOptions): SchoolProblem {
  const rand = rng(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const schoolId = `HS-${seed}`;
  const periods = options.periods ?? int(4, 7);
  const semesters = options.semesters ?? rand() < 0.5;
  const terms = semesters ? ["S1", "S2"] : ["Y"];
  const seatRatio = options.seatRatio ?? 0.95 + rand() * 0.2;
  const school = {
    schoolId,
    name: `Random High ${seed}`,
    kind: "high" as const,
    gradeLow: 9,
    gradeHigh: 12,
    periods,
    terms,
  };

  const courses: Course[] = [];
  const addCourse = (courseId: string, gradeLow: number, gradeHigh: number) =>
    courses.push({ schoolId, courseId, title: courseId, gradeLow, gradeHigh });
  for (const subject of ["ELA", "MATH", "SCI"])
    for (let grade = 9; grade <= 12; grade++) addCourse(`${subject}${grade}`, grade, grade);
  addCourse("HIST", 10, 12);
  const electives = ["ART", "MUSIC", "PE", "SPAN", "CS", "DRAMA", "BIO2", "ECON"];
  for (const elective of electives) addCourse(elective, 9, 12);
  // Semester-long electives (in a semester school) come as one S1 and one S2 course.
  const semesterElectives = semesters ? ["HEALTH", "GOV"] : [];
  for (const elective of semesterElectives) addCourse(elective, 9, 12);

  const students: Student[] = [];
  for (let k = 0; k < options.students; k++) {
    students.push({ schoolId, studentId: `S${seed}-${k}`, grade: int(9, 12), iep: rand() < 0.1 });
  }

  const requests: CourseRequest[] = [];
  const demand = new Map<string, number>();
  const sdcDemand = new Map<string, number>();
  const coDemand = new Map<string, number>();
  const request = (student: Student, courseId: string, priority: number, extra: Partial<CourseRequest> = {}) => {
    requests.push({ schoolId, studentId: student.studentId, courseId, priority, ...extra });
    demand.set(courseId, (demand.get(courseId) ?? 0) + 1);
  };
  for (const student of students) {
    const slots = periods * (semesters ? 2 : 1);
    let used = 0;
    for (const subject of ["ELA", "MATH", "SCI"]) {
      const courseId = `${subject}${student.grade}`;
      let required: Setting | undefined;
      if (student.iep && rand() < 0.5) {
        required = rand() < 0.4 ? "sdc" : "co_taught";
        const map = required === "sdc" ? sdcDemand : coDemand;
        map.set(courseId, (map.get(courseId) ?? 0) + 1);
      }
      request(student, courseId, 1, required ? { requiredSetting: required } : {});
      used += semesters ? 2 : 1;
    }
    if (student.grade >= 10) {
      request(student, "HIST", 1);
      used += semesters ? 2 : 1;
    }
    // Now and then a request no section can meet: a course of another grade.
    if (rand() < 0.02) request(student, `ELA${student.grade === 9 ? 12 : 9}`, 2);
    const wanted = [...electives].sort(() => rand() - 0.5);
    while (used + (semesters ? 2 : 1) <= slots && wanted.length > 0) {
      const courseId = wanted.pop()!;
      const priority = int(2, 3);
      request(student, courseId, priority);
      if (rand() < 0.3 && wanted.length > 0) {
        const alternate = wanted.pop()!;
        requests.push({
          schoolId,
          studentId: student.studentId,
          courseId: alternate,
          priority,
          alternateFor: courseId,
        });
      }
      used += semesters ? 2 : 1;
    }
    for (const courseId of semesterElectives)
      if (used < slots && rand() < 0.6) {
        request(student, courseId, 3);
        used++;
      }
  }

  // Sections: enough seats for the demand times seatRatio, each given to a teacher free then.
  const teachers: Teacher[] = [];
  const rooms: Room[] = [];
  const sections: Section[] = [];
  const busy = new Map<string, Set<string>>(); // teacherId -> "term|period"
  const slotKeys = (period: number, sectionTerms: string[]) => sectionTerms.map((t) => `${t}|${period}`);
  const isFree = (teacherId: string, period: number, sectionTerms: string[]) =>
    slotKeys(period, sectionTerms).every((key) => !busy.get(teacherId)!.has(key));
  const occupy = (teacherId: string, period: number, sectionTerms: string[]) => {
    for (const key of slotKeys(period, sectionTerms)) busy.get(teacherId)!.add(key);
  };
  const newTeacher = (specialEducation: boolean): string => {
    const teacherId = `T${seed}-${teachers.length}`;
    teachers.push({ schoolId, teacherId, unavailablePeriods: [], specialEducation, qualifiedCourses: [] });
    rooms.push({ schoolId, roomId: `R-${teacherId}`, capacity: rand() < 0.1 ? int(20, 28) : 40 });
    busy.set(teacherId, new Set());
    return teacherId;
  };
  const sped = [newTeacher(true), newTeacher(true)];
  let current = newTeacher(false);
  /** A teacher (preferably the current one) free in the slot; a new one when nobody is. */
  const teacherFor = (period: number, sectionTerms: string[]): string => {
    if (!isFree(current, period, sectionTerms) || busy.get(current)!.size >= (periods - 1) * terms.length)
      current = newTeacher(false);
    return current;
  };
  const addSection = (courseId: string, capacity: number, setting: Setting, sectionTerms: string[]) => {
    const sectionId = `${courseId}-${sections.length}`;
    const unplaced = rand() < 0.02;
    let period = int(1, periods);
    let teacherId: string;
    let coTeacherId: string | undefined;
    if (setting === "sdc") {
      teacherId = pick(sped);
      for (let tries = 0; tries < periods && !isFree(teacherId, period, sectionTerms); tries++)
        period = (period % periods) + 1;
      if (!isFree(teacherId, period, sectionTerms)) teacherId = newTeacher(true);
      sped.push(teacherId);
    } else {
      teacherId = teacherFor(period, sectionTerms);
      if (setting === "co_taught") {
        coTeacherId = sped.find((t) => isFree(t, period, sectionTerms)) ?? newTeacher(true);
        if (!sped.includes(coTeacherId)) sped.push(coTeacherId);
        occupy(coTeacherId, period, sectionTerms);
      }
    }
    occupy(teacherId, period, sectionTerms);
    sections.push({
      schoolId,
      sectionId,
      courseId,
      capacity,
      teacherId,
      coTeacherId,
      roomId: `R-${teacherId}`,
      period: unplaced ? undefined : period,
      terms: sectionTerms,
      setting,
      iepCapacity: setting === "co_taught" ? int(2, 6) : setting === "general" && rand() < 0.1 ? int(0, 3) : undefined,
      locked: false,
    });
  };
  for (const course of courses) {
    const wanted = demand.get(course.courseId) ?? 0;
    if (wanted === 0) continue;
    const sdc = sdcDemand.get(course.courseId) ?? 0;
    const co = coDemand.get(course.courseId) ?? 0;
    if (sdc > 0 && rand() < 0.85) addSection(course.courseId, Math.max(4, Math.ceil(sdc * seatRatio)), "sdc", terms);
    if (co > 0 && rand() < 0.85) addSection(course.courseId, 28, "co_taught", terms);
    const semesterCourse = semesterElectives.includes(course.courseId);
    const seatsWanted = Math.max(0, (wanted - sdc - co) * seatRatio - (co > 0 ? 20 : 0));
    const capacity = int(24, 32);
    const count = Math.max(1, Math.round(seatsWanted / capacity));
    for (let k = 0; k < count; k++)
      addSection(course.courseId, capacity, "general", semesterCourse ? [terms[k % 2]] : terms);
  }

  // Teacher limits: some with a student cap below their seats, some unavailable when free.
  for (const teacher of teachers) {
    const own = sections.filter((s) => s.teacherId === teacher.teacherId || s.coTeacherId === teacher.teacherId);
    teacher.maxSections = own.length + int(0, 2);
    const seats = own.reduce((sum, s) => sum + s.capacity, 0);
    if (rand() < 0.15) teacher.maxStudents = Math.max(1, Math.floor(seats * (0.75 + rand() * 0.2)));
    const taught = new Set(own.map((s) => s.period));
    const free = Array.from({ length: periods }, (_, k) => k + 1).filter((p) => !taught.has(p));
    if (free.length > 0 && rand() < 0.3) teacher.unavailablePeriods = [pick(free)];
  }

  // Locked requests: a few students must be in one named section of their course.
  for (const req of requests) {
    if (req.alternateFor !== undefined || rand() >= 0.01) continue;
    const options = sections.filter((s) => s.courseId === req.courseId && s.setting === "general");
    if (options.length > 0) req.lockedSectionId = pick(options).sectionId;
  }
  const avoid: AvoidPair[] = [];
  for (let k = 0; k < Math.floor(options.students / 25); k++) {
    const a = pick(students);
    const b = pick(students);
    if (a !== b) avoid.push({ schoolId, studentId: a.studentId, otherStudentId: b.studentId });
  }

  return { school, courses, teachers, rooms, sections, students, requests, avoid };
}
