/**
 * The OneRoster 1.2 rostering service (read-only), mounted at /ims/oneroster/rostering/v1p2:
 * every collection and single-object read of the binding for orgs, schools, academicSessions,
 * terms, gradingPeriods, courses, classes, users, students, teachers, enrollments and
 * demographics, and their nested collections. A client scoped to schools sees only them:
 * another school's object answers 403, a sourcedId nobody has 404.
 */
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from "express";
import type { OneRosterClientRecord, Store } from "../../store/index.ts";
import { arraySegment, sendCollection, type Segment } from "./collection.ts";
import { liveView, type LiveViewCache } from "./live-view.ts";
import { CLIENT_LOCAL, clientOf, requireBearer } from "./oauth.ts";
import { auditOneRosterReads } from "./audit-reads.ts";
import { OneRosterError, statusInfo } from "./oneroster-error.ts";
import {
  course,
  demographics,
  districtOrg,
  gradingPeriodSession,
  klass,
  schoolOrg,
  schoolYearSession,
  studentEnrollment,
  teacherEnrollment,
  termSession,
  user,
  type Resource,
} from "./resources.ts";
import { seatsBySection, seatsByStudent, type Located, type RosteringView, type SchoolView } from "./rostering-view.ts";
import { idSourcedId } from "../../io/oneroster/sourced-ids.ts";
import type { ApiLog } from "../log.ts";
import type { AuditTrail } from "../audit-trail.ts";

/** The fields a filter or sort may name, per kind of object. */
const FIELDS = {
  org: ["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parent", "children"],
  academicSession: [
    "sourcedId",
    "status",
    "dateLastModified",
    "title",
    "type",
    "startDate",
    "endDate",
    "parent",
    "children",
    "schoolYear",
    "org",
  ],
  course: ["sourcedId", "status", "dateLastModified", "title", "schoolYear", "courseCode", "grades", "subjects", "org"],
  class: [
    "sourcedId",
    "status",
    "dateLastModified",
    "title",
    "classCode",
    "classType",
    "location",
    "grades",
    "subjects",
    "course",
    "school",
    "terms",
    "periods",
  ],
  user: [
    "sourcedId",
    "status",
    "dateLastModified",
    "userMasterIdentifier",
    "username",
    "userIds",
    "enabledUser",
    "givenName",
    "familyName",
    "middleName",
    "identifier",
    "email",
    "grades",
    "roles",
    "primaryOrg",
    "agents",
  ],
  enrollment: ["sourcedId", "status", "dateLastModified", "role", "primary", "user", "class", "school"],
  demographics: ["sourcedId", "status", "dateLastModified", "sex"],
} as const;
const FIELD_SETS = Object.fromEntries(
  Object.entries(FIELDS).map(([kind, fields]) => [kind, new Set<string>(fields)]),
) as Record<keyof typeof FIELDS, Set<string>>;

type Kind = keyof typeof FIELDS;
/** The collection key and single-object key of each kind in a response body. */
const KEYS: Record<Kind, [string, string]> = {
  org: ["orgs", "org"],
  academicSession: ["academicSessions", "academicSession"],
  course: ["courses", "course"],
  class: ["classes", "class"],
  user: ["users", "user"],
  enrollment: ["enrollments", "enrollment"],
  demographics: ["demographics", "demographics"],
};

/** The schools a client may read. */
function visibleSchools(view: RosteringView, client: OneRosterClientRecord): SchoolView[] {
  if (client.schools.length === 0) return view.schools;
  const allowed = new Set(client.schools);
  return view.schools.filter((school) => allowed.has(school.school.schoolId));
}

/** 403 unless the client may read the school. */
function requireSchool(client: OneRosterClientRecord, school: SchoolView): void {
  if (client.schools.length > 0 && !client.schools.includes(school.school.schoolId)) {
    throw new OneRosterError(
      403,
      "forbidden",
      `this client may not read school ${JSON.stringify(school.school.schoolId)}`,
    );
  }
}

// ── Segments ──────────────────────────────────────────────────────────────────────────────

const schoolOrgs = (view: RosteringView, schools: SchoolView[]): Segment =>
  arraySegment(schools, (school) => schoolOrg(view, school));
const terms = (view: RosteringView, school: SchoolView): Segment =>
  arraySegment(school.school.terms, (_, i) => termSession(view, school, i));
const gradingPeriods = (view: RosteringView, school: SchoolView): Segment =>
  arraySegment(school.school.terms, (_, i) => gradingPeriodSession(view, school, i));
const courses = (view: RosteringView, school: SchoolView): Segment =>
  arraySegment(school.courses, (_, i) => course(view, school, i));
const classes = (view: RosteringView, school: SchoolView): Segment =>
  arraySegment(school.classes, (_, i) => klass(view, school, i));
const students = (school: SchoolView): Segment =>
  arraySegment(school.students, (person) => user(school, "student", person));
const teachers = (school: SchoolView): Segment =>
  arraySegment(school.teachers, (person) => user(school, "teacher", person));
const teacherSeats = (school: SchoolView): Segment =>
  arraySegment(school.teacherSeats, (_, i) => teacherEnrollment(school, i));
const studentSeats = (school: SchoolView): Segment =>
  arraySegment(school.roster.enrollments, (seat) => studentEnrollment(school, seat));
const demographicsOf = (school: SchoolView): Segment =>
  arraySegment(school.students, (person) => demographics(school, person));
const classList = (view: RosteringView, school: SchoolView, indexes: number[]): Segment =>
  arraySegment(indexes, (i) => klass(view, school, i));

/** The sessions of a school in CSV order: each term, then its grading period. */
function sessionsOf(view: RosteringView, school: SchoolView): Segment {
  return {
    count: school.school.terms.length * 2,
    at: (i) => (i % 2 === 0 ? termSession(view, school, i / 2) : gradingPeriodSession(view, school, (i - 1) / 2)),
  };
}

/** A class's students or teachers (teacher first, then co-teacher). */
function classMembers(
  view: RosteringView,
  school: SchoolView,
  classIndex: number,
  role: "student" | "teacher",
): Segment {
  const { placement } = school.classes[classIndex]!;
  if (role === "teacher") {
    const ids = [placement.teacherId, placement.coTeacherId].filter((id): id is string => id !== undefined);
    return arraySegment(ids, (id) => userById(view, id));
  }
  const seats = seatsBySection(school).get(placement.sectionId) ?? [];
  return arraySegment(seats, (seat) => userById(view, seat.studentId));
}

/** A class's enrollments: its teachers', then its students' seats. */
function classEnrollments(school: SchoolView, classIndex: number): Segment[] {
  const { placement } = school.classes[classIndex]!;
  const seats = school.teacherSeats.flatMap((seat, i) => (seat.placement === placement ? [i] : []));
  return [
    arraySegment(seats, (i) => teacherEnrollment(school, i)),
    arraySegment(seatsBySection(school).get(placement.sectionId) ?? [], (seat) => studentEnrollment(school, seat)),
  ];
}

function userById(view: RosteringView, id: string): Resource | undefined {
  const located = view.bySourcedId.get(idSourcedId(id));
  return located?.kind === "user" ? userResource(located) : undefined;
}

/** The classes a user sits in or teaches. */
function classesOfUser(school: SchoolView, located: Extract<Located, { kind: "user" }>): number[] {
  if (located.role === "student") {
    return (seatsByStudent(school).get(located.person.studentId) ?? []).map((seat) =>
      school.classBySection.get(seat.sectionId)!,
    );
  }
  const id = located.person.teacherId;
  return school.classes.flatMap(({ placement }, i) =>
    placement.teacherId === id || placement.coTeacherId === id ? [i] : [],
  );
}

// ── Single objects ────────────────────────────────────────────────────────────────────────

/** The object a sourcedId names, as its kind; 404 for an unknown one, 403 for another school's. */
function locate(
  view: RosteringView,
  client: OneRosterClientRecord,
  sourcedId: string,
  kind: Located["kind"],
  what: string,
): Located {
  const located = view.bySourcedId.get(sourcedId);
  if (!located || located.kind !== kind)
    throw new OneRosterError(404, "unknownobject", `no ${what} has sourcedId ${JSON.stringify(sourcedId)}`);
  if (located.school) requireSchool(client, located.school);
  return located;
}

function sessionResource(view: RosteringView, located: Extract<Located, { kind: "session" }>): Resource {
  if (located.type === "schoolYear") return schoolYearSession(view);
  return located.type === "term"
    ? termSession(view, located.school!, located.termIndex)
    : gradingPeriodSession(view, located.school!, located.termIndex);
}

function userResource(located: Extract<Located, { kind: "user" }>): Resource {
  return located.role === "student"
    ? user(located.school, "student", located.person)
    : user(located.school, "teacher", located.person);
}

/**
 * An enrollment by sourcedId. A joined one names its class (`<school>/<section>/...` or
 * `<class UUID>/...`), so only that class is searched; a UUID one (IDs with characters the rule
 * forbids) is looked for class by class.
 */
function findEnrollment(view: RosteringView, client: OneRosterClientRecord, sourcedId: string): Resource {
  const parts = sourcedId.split("/");
  const candidates: { school: SchoolView; classIndex: number }[] = [];
  if (parts.length === 3) {
    const located = view.bySourcedId.get(parts[0]!);
    if (located?.kind === "class") candidates.push(located);
  } else if (parts.length === 4) {
    const located = view.bySourcedId.get(parts[0]!);
    const classIndex =
      located?.kind === "org" && located.school ? located.school.classBySection.get(parts[1]!) : undefined;
    if (classIndex !== undefined) candidates.push({ school: located!.school!, classIndex });
  } else {
    for (const school of view.schools)
      for (const classIndex of school.classes.keys()) candidates.push({ school, classIndex });
  }
  for (const { school, classIndex } of candidates) {
    for (const segment of classEnrollments(school, classIndex)) {
      for (let i = 0; i < segment.count; i++) {
        const object = segment.at(i);
        if (object?.sourcedId === sourcedId) {
          requireSchool(client, school);
          return object;
        }
      }
    }
  }
  throw new OneRosterError(404, "unknownobject", `no enrollment has sourcedId ${JSON.stringify(sourcedId)}`);
}

// ── The router ────────────────────────────────────────────────────────────────────────────

type Handler = (view: RosteringView, client: OneRosterClientRecord, req: Request, res: Response) => void;

/** The rostering service's routes, behind a bearer token from POST /oauth/token. */
export function rosteringRouter(store: Store, log?: ApiLog, audit?: AuditTrail): Router {
  const router = express.Router();
  const cache: LiveViewCache = {};
  if (audit)
    router.use(
      auditOneRosterReads(
        audit,
        log,
        (locals) => (locals[CLIENT_LOCAL] as OneRosterClientRecord | undefined)?.clientId,
      ),
    );
  router.use(requireBearer(store));
  const get = (path: string, handler: Handler) =>
    router.get(path, async (req, res, next) => {
      try {
        handler(await liveView(store, cache), clientOf(res), req, res);
      } catch (error) {
        next(error);
      }
    });
  const collection =
    (kind: Kind, segments: (view: RosteringView, client: OneRosterClientRecord, req: Request) => Segment[]): Handler =>
    (view, client, req, res) =>
      sendCollection(req, res, KEYS[kind][0], segments(view, client, req), FIELD_SETS[kind]);
  const single =
    (kind: Kind, find: (view: RosteringView, client: OneRosterClientRecord, id: string) => Resource): Handler =>
    (view, client, req, res) => {
      const object = find(view, client, String(req.params.id));
      const fields = typeof req.query.fields === "string" ? req.query.fields : undefined;
      res.json({
        [KEYS[kind][1]]: fields
          ? Object.fromEntries(
              fields
                .split(",")
                .filter((f) => f in object)
                .map((f) => [f, object[f]]),
            )
          : object,
      });
    };
  const each = <T>(schools: SchoolView[], segment: (school: SchoolView) => T): T[] => schools.map(segment);
  const school = (view: RosteringView, client: OneRosterClientRecord, id: string) =>
    locate(view, client, id, "org", "school").school ?? notASchool(id);
  const classAt = (view: RosteringView, client: OneRosterClientRecord, id: string) =>
    locate(view, client, id, "class", "class") as Extract<Located, { kind: "class" }>;
  const userAt = (view: RosteringView, client: OneRosterClientRecord, id: string, role?: "student" | "teacher") => {
    const located = locate(view, client, id, "user", role ?? "user") as Extract<Located, { kind: "user" }>;
    if (role && located.role !== role)
      throw new OneRosterError(404, "unknownobject", `no ${role} has sourcedId ${JSON.stringify(id)}`);
    return located;
  };
  const termAt = (
    view: RosteringView,
    client: OneRosterClientRecord,
    id: string,
    type: "term" | "gradingPeriod" | undefined,
  ) => {
    const located = locate(view, client, id, "session", type ?? "academic session") as Extract<
      Located,
      { kind: "session" }
    >;
    if (type && located.type !== type)
      throw new OneRosterError(404, "unknownobject", `no ${type} has sourcedId ${JSON.stringify(id)}`);
    return located;
  };

  // Orgs and schools.
  get(
    "/orgs",
    collection("org", (view, client) => [
      arraySegment([0], () => districtOrg(view)),
      schoolOrgs(view, visibleSchools(view, client)),
    ]),
  );
  get(
    "/orgs/:id",
    single("org", (view, client, id) => {
      const located = locate(view, client, id, "org", "org");
      return located.school ? schoolOrg(view, located.school) : districtOrg(view);
    }),
  );
  get(
    "/schools",
    collection("org", (view, client) => [schoolOrgs(view, visibleSchools(view, client))]),
  );
  get(
    "/schools/:id",
    single("org", (view, client, id) => schoolOrg(view, school(view, client, id))),
  );
  get(
    "/schools/:id/classes",
    collection("class", (view, client, req) => [classes(view, school(view, client, String(req.params.id)))]),
  );
  get(
    "/schools/:id/courses",
    collection("course", (view, client, req) => [courses(view, school(view, client, String(req.params.id)))]),
  );
  get(
    "/schools/:id/terms",
    collection("academicSession", (view, client, req) => [terms(view, school(view, client, String(req.params.id)))]),
  );
  get(
    "/schools/:id/students",
    collection("user", (view, client, req) => [students(school(view, client, String(req.params.id)))]),
  );
  get(
    "/schools/:id/teachers",
    collection("user", (view, client, req) => [teachers(school(view, client, String(req.params.id)))]),
  );
  get(
    "/schools/:id/enrollments",
    collection("enrollment", (view, client, req) => {
      const at = school(view, client, String(req.params.id));
      return [teacherSeats(at), studentSeats(at)];
    }),
  );
  const schoolClass = (view: RosteringView, client: OneRosterClientRecord, req: Request) => {
    const at = school(view, client, String(req.params.id));
    const located = classAt(view, client, String(req.params.classId));
    if (located.school !== at)
      throw new OneRosterError(
        404,
        "unknownobject",
        `class ${JSON.stringify(req.params.classId)} is not a class of school ${JSON.stringify(req.params.id)}`,
      );
    return located;
  };
  get(
    "/schools/:id/classes/:classId/enrollments",
    collection("enrollment", (view, client, req) => {
      const located = schoolClass(view, client, req);
      return classEnrollments(located.school, located.classIndex);
    }),
  );
  get(
    "/schools/:id/classes/:classId/students",
    collection("user", (view, client, req) => {
      const located = schoolClass(view, client, req);
      return [classMembers(view, located.school, located.classIndex, "student")];
    }),
  );
  get(
    "/schools/:id/classes/:classId/teachers",
    collection("user", (view, client, req) => {
      const located = schoolClass(view, client, req);
      return [classMembers(view, located.school, located.classIndex, "teacher")];
    }),
  );

  // Academic sessions.
  get(
    "/academicSessions",
    collection("academicSession", (view, client) => [
      arraySegment([0], () => schoolYearSession(view)),
      ...each(visibleSchools(view, client), (s) => sessionsOf(view, s)),
    ]),
  );
  get(
    "/academicSessions/:id",
    single("academicSession", (view, client, id) => sessionResource(view, termAt(view, client, id, undefined))),
  );
  get(
    "/terms",
    collection("academicSession", (view, client) => each(visibleSchools(view, client), (s) => terms(view, s))),
  );
  get(
    "/terms/:id",
    single("academicSession", (view, client, id) => sessionResource(view, termAt(view, client, id, "term"))),
  );
  get(
    "/terms/:id/classes",
    collection("class", (view, client, req) => {
      const located = termAt(view, client, String(req.params.id), "term");
      const at = located.school!;
      const term = at.school.terms[located.termIndex]!;
      return [
        classList(
          view,
          at,
          at.classes.flatMap(({ section }, i) => (section.terms.includes(term) ? [i] : [])),
        ),
      ];
    }),
  );
  get(
    "/terms/:id/gradingPeriods",
    collection("academicSession", (view, client, req) => {
      const located = termAt(view, client, String(req.params.id), "term");
      return [arraySegment([located.termIndex], (i) => gradingPeriodSession(view, located.school!, i))];
    }),
  );
  get(
    "/gradingPeriods",
    collection("academicSession", (view, client) => each(visibleSchools(view, client), (s) => gradingPeriods(view, s))),
  );
  get(
    "/gradingPeriods/:id",
    single("academicSession", (view, client, id) => sessionResource(view, termAt(view, client, id, "gradingPeriod"))),
  );

  // Courses and classes.
  get(
    "/courses",
    collection("course", (view, client) => each(visibleSchools(view, client), (s) => courses(view, s))),
  );
  get(
    "/courses/:id",
    single("course", (view, client, id) => {
      const located = locate(view, client, id, "course", "course") as Extract<Located, { kind: "course" }>;
      return course(view, located.school, located.school.courses.indexOf(located.course));
    }),
  );
  get(
    "/courses/:id/classes",
    collection("class", (view, client, req) => {
      const located = locate(view, client, String(req.params.id), "course", "course") as Extract<
        Located,
        { kind: "course" }
      >;
      const at = located.school;
      return [
        classList(
          view,
          at,
          at.classes.flatMap(({ section }, i) => (section.courseId === located.course.courseId ? [i] : [])),
        ),
      ];
    }),
  );
  get(
    "/classes",
    collection("class", (view, client) => each(visibleSchools(view, client), (s) => classes(view, s))),
  );
  get(
    "/classes/:id",
    single("class", (view, client, id) => {
      const located = classAt(view, client, id);
      return klass(view, located.school, located.classIndex);
    }),
  );
  get(
    "/classes/:id/students",
    collection("user", (view, client, req) => {
      const located = classAt(view, client, String(req.params.id));
      return [classMembers(view, located.school, located.classIndex, "student")];
    }),
  );
  get(
    "/classes/:id/teachers",
    collection("user", (view, client, req) => {
      const located = classAt(view, client, String(req.params.id));
      return [classMembers(view, located.school, located.classIndex, "teacher")];
    }),
  );

  // Users.
  get(
    "/users",
    collection("user", (view, client) => each(visibleSchools(view, client), (s) => [students(s), teachers(s)]).flat()),
  );
  get(
    "/users/:id",
    single("user", (view, client, id) => userResource(userAt(view, client, id))),
  );
  get(
    "/students",
    collection("user", (view, client) => each(visibleSchools(view, client), students)),
  );
  get(
    "/students/:id",
    single("user", (view, client, id) => userResource(userAt(view, client, id, "student"))),
  );
  get(
    "/teachers",
    collection("user", (view, client) => each(visibleSchools(view, client), teachers)),
  );
  get(
    "/teachers/:id",
    single("user", (view, client, id) => userResource(userAt(view, client, id, "teacher"))),
  );
  for (const [path, role] of [
    ["users", undefined],
    ["students", "student"],
    ["teachers", "teacher"],
  ] as const) {
    get(
      `/${path}/:id/classes`,
      collection("class", (view, client, req) => {
        const located = userAt(view, client, String(req.params.id), role);
        return [classList(view, located.school, classesOfUser(located.school, located))];
      }),
    );
  }

  // Enrollments and demographics.
  get(
    "/enrollments",
    collection("enrollment", (view, client) =>
      each(visibleSchools(view, client), (s) => [teacherSeats(s), studentSeats(s)]).flat(),
    ),
  );
  get(
    "/enrollments/:id",
    single("enrollment", (view, client, id) => findEnrollment(view, client, id)),
  );
  get(
    "/demographics",
    collection("demographics", (view, client) => each(visibleSchools(view, client), demographicsOf)),
  );
  get(
    "/demographics/:id",
    single("demographics", (view, client, id) => {
      const located = userAt(view, client, id, "student");
      const object = located.role === "student" ? demographics(located.school, located.person) : undefined;
      if (!object) throw new OneRosterError(404, "unknownobject", `no demographics for ${JSON.stringify(id)}`);
      return object;
    }),
  );

  router.use((req) => {
    throw new OneRosterError(404, "unknownobject", `no rostering endpoint ${req.method} ${req.path}`);
  });
  router.use(oneRosterErrors(log));
  return router;
}

function notASchool(id: string): never {
  throw new OneRosterError(404, "unknownobject", `${JSON.stringify(id)} is the district, not a school`);
}

/** Answers every error below the router in the binding's format; a 5xx says only that it failed. */
export function oneRosterErrors(log?: ApiLog): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (error instanceof OneRosterError) {
      res.status(error.status).json(statusInfo(error.codeMinor, error.message));
      return;
    }
    log?.({ level: "error", message: "OneRoster request failed", error });
    res.status(500).json(statusInfo("internal_server_error", "the request failed on the server"));
  };
}
