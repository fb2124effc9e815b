import type {
  Course,
  CourseRequest,
  Room,
  SchoolProblem,
  Section,
  Student,
  Teacher,
} from "../../src/domain/problem.ts";
import { seededRandom, randomInt } from "../../solver/master-schedule/seeded-random.ts";

/** Knobs of a witness school. */
export interface WitnessSchoolOptions {
  students: number;
  periods: number;
  /** ["Y"] (default) or ["S1", "S2"]: with semesters, some courses are one-term. */
  terms?: string[];
  /** Leave every period empty (default true); teachers and rooms are given unless told otherwise. */
  blankPeriods?: boolean;
  blankTeachers?: boolean;
  blankRooms?: boolean;
}

/**
 * A small school built backwards from a hidden master schedule (the witness): sections get
 * periods, teachers and rooms that break no rule, and each student requests one course per
 * period from the sections meeting then, so the witness seats every request without a clash.
 * The periods (and, if asked, teachers and rooms) are then blanked for the builder: a
 * conflict-free placement is known to exist. One co-taught section (special-education
 * co-teacher) and one special day class (special-education teacher, IEP students requiring it)
 * are included; courses range from singletons to four sections.
 */
export function witnessSchool(seed: number, options: WitnessSchoolOptions): SchoolProblem {
  const random = seededRandom(seed);
  const schoolId = `WS-${seed}`;
  const terms = options.terms ?? ["Y"];
  const P = options.periods;
  const school = {
    schoolId,
    name: `Witness School ${seed}`,
    kind: "high" as const,
    gradeLow: 9,
    gradeHigh: 12,
    periods: P,
    terms,
  };

  // Sections first, period by period: the hidden schedule.
  interface Draft {
    course: string;
    period: number;
    terms: string[];
    setting: Section["setting"];
  }
  const drafts: Draft[] = [];
  const courses: Course[] = [];
  const sectionCounts = [1, 1, 2, 2, 3, 4];
  let courseNo = 0;
  const sectionsPerPeriod = Math.max(3, Math.ceil(options.students / 26));
  const perPeriod = new Array<number>(P + 1).fill(0);
  while (Math.min(...perPeriod.slice(1)) < sectionsPerPeriod) {
    const courseId = `C${String(++courseNo).padStart(2, "0")}`;
    courses.push({ schoolId, courseId, title: `Course ${courseNo}`, gradeLow: 9, gradeHigh: 12 });
    const n = sectionCounts[randomInt(random, sectionCounts.length)];
    const semester = terms.length > 1 && random() < 0.3 ? terms[randomInt(random, terms.length)] : undefined;
    for (let k = 0; k < n; k++) {
      // The emptiest periods first, so every period fills.
      let p = 1;
      for (let q = 2; q <= P; q++)
        if (perPeriod[q] < perPeriod[p] || (perPeriod[q] === perPeriod[p] && random() < 0.5)) p = q;
      perPeriod[p]++;
      drafts.push({ course: courseId, period: p, terms: semester ? [semester] : [...terms], setting: "general" });
    }
  }
  drafts[0].setting = "co_taught";
  courses.push({ schoolId, courseId: "SDC-ELA", title: "ELA (SDC)", gradeLow: 9, gradeHigh: 12 });
  drafts.push({ course: "SDC-ELA", period: 1 + randomInt(random, P), terms: [...terms], setting: "sdc" });

  // Teachers: each teaches sections of distinct periods; rooms: distinct per period.
  const teachers: Teacher[] = [];
  const teacherOf: number[] = [];
  const busy: Set<string>[] = [];
  const newTeacher = (specialEducation: boolean): number => {
    const t = teachers.length;
    teachers.push({
      schoolId,
      teacherId: `T-${t + 1}`,
      unavailablePeriods: [],
      specialEducation,
      qualifiedCourses: [],
      maxSections: P - 1,
    });
    busy.push(new Set());
    return t;
  };
  const slots = (d: Draft) => d.terms.map((term) => `${d.period}:${term}`);
  const free = (t: number, d: Draft) =>
    slots(d).every((slot) => !busy[t].has(slot)) && busy[t].size < (P - 1) * terms.length;
  const sped = newTeacher(true);
  const coTeacher = newTeacher(true);
  drafts.forEach((d, s) => {
    let t = d.setting === "sdc" ? sped : -1;
    if (t < 0) {
      const candidates = teachers.map((_, i) => i).filter((i) => i !== sped && i !== coTeacher && free(i, d));
      t =
        candidates.length > 0 && random() < 0.8 ? candidates[randomInt(random, candidates.length)] : newTeacher(false);
    }
    for (const slot of slots(d)) busy[t].add(slot);
    teacherOf[s] = t;
  });
  for (const slot of slots(drafts[0])) busy[coTeacher].add(slot);
  for (const teacher of teachers) {
    const sections =
      teacherOf.filter((t) => teachers[t] === teacher).length + (teacher === teachers[coTeacher] ? 1 : 0);
    teacher.maxSections = Math.max(sections, teacher.maxSections ?? 0);
    // Qualified for what they teach, and one more course sometimes.
    const own = [...new Set(drafts.filter((_, s) => teachers[teacherOf[s]] === teacher).map((d) => d.course))];
    teacher.qualifiedCourses = teacher.specialEducation ? [] : own;
    const unused = new Set(Array.from({ length: P }, (_, p) => p + 1));
    drafts.forEach((d, s) => {
      if (teachers[teacherOf[s]] === teacher || (teacher === teachers[coTeacher] && s === 0)) unused.delete(d.period);
    });
    if (unused.size > 0 && random() < 0.3) teacher.unavailablePeriods = [[...unused][randomInt(random, unused.size)]];
  }

  // Students: one course a period from that period's sections (semesters: one per term).
  const students: Student[] = [];
  const requests: CourseRequest[] = [];
  const seated = new Array<number>(drafts.length).fill(0);
  for (let n = 0; n < options.students; n++) {
    const studentId = `S${1000 + n}`;
    const iep = n % 25 === 0;
    students.push({ schoolId, studentId, grade: 9 + (n % 4), iep });
    const mine = new Set<string>();
    const occupied = new Set<string>();
    const take = (s: number, requiredSetting?: Section["setting"]) => {
      mine.add(drafts[s].course);
      for (const slot of slots(drafts[s])) occupied.add(slot);
      seated[s]++;
      requests.push({
        schoolId,
        studentId,
        courseId: drafts[s].course,
        priority: 1 + (mine.size > P - 2 ? 1 : 0),
        requiredSetting,
      });
    };
    for (let p = 1; p <= P; p++) {
      for (const term of terms) {
        if (occupied.has(`${p}:${term}`)) continue;
        const open = drafts
          .map((d, s) => ({ d, s }))
          .filter(
            ({ d }) =>
              d.period === p &&
              d.terms.includes(term) &&
              d.setting !== "sdc" &&
              !mine.has(d.course) &&
              slots(d).every((slot) => !occupied.has(slot)),
          );
        if (open.length === 0) continue;
        if (iep && p === drafts[drafts.length - 1].period && !mine.has("SDC-ELA")) {
          take(drafts.length - 1, "sdc");
          continue;
        }
        const { s } = open[randomInt(random, open.length)];
        take(s);
      }
    }
  }

  const sections: Section[] = drafts.map((d, s) => ({
    schoolId,
    sectionId: `${d.course}-${s + 1}`,
    courseId: d.course,
    capacity: Math.max(8, seated[s] + 2),
    teacherId: teachers[teacherOf[s]].teacherId,
    coTeacherId: s === 0 ? teachers[coTeacher].teacherId : undefined,
    period: d.period,
    terms: d.terms,
    setting: d.setting,
    iepCapacity: d.setting === "co_taught" ? 20 : undefined,
    locked: false,
  }));
  const rooms: Room[] = [];
  const roomBusy: Set<string>[] = [];
  for (const section of sections) {
    const keys = section.terms.map((term) => `${section.period}:${term}`);
    let r = roomBusy.findIndex((set, i) => rooms[i].capacity >= section.capacity && keys.every((k) => !set.has(k)));
    if (r < 0) {
      r = rooms.length;
      rooms.push({
        schoolId,
        roomId: `R${100 + r}`,
        capacity: Math.max(section.capacity, 30 + 5 * randomInt(random, 3)),
      });
      roomBusy.push(new Set());
    }
    for (const k of keys) roomBusy[r].add(k);
    section.roomId = rooms[r].roomId;
  }
  for (const section of sections) {
    if (options.blankPeriods ?? true) section.period = undefined;
    if (options.blankTeachers && section.setting !== "co_taught") section.teacherId = undefined;
    if (options.blankTeachers) section.coTeacherId = undefined;
    if (options.blankRooms) section.roomId = undefined;
  }
  return { school, courses, teachers, rooms, sections, students, requests, avoid: [] };
}
