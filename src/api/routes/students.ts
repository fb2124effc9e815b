/**
 * Late students: enroll or change one (PUT, an upsert by student ID), drop one (DELETE), read
 * one (GET). Writes go through the school's lane and, unless told otherwise, are seated at once
 * by an incremental run that moves nobody already placed.
 */
import type { CourseRequest, Student } from "../../domain/problem.ts";
import { liveRoster, readSchoolProblem } from "../../store/index.ts";
import { STUDENT_ROLES } from "../auth.ts";
import { ApiError } from "../errors.ts";
import { operation, type Operation } from "../operation.ts";
import { seatsOf } from "../../enroll/incremental-placement.ts";
import { runBatched } from "../../enroll/school-lanes.ts";
import {
  dropQuery,
  dropResponse,
  enrollBody,
  enrollResponse,
  studentParams,
  studentView,
} from "../schemas/students.ts";
import { compact } from "../views.ts";

/** A student's record without the school (the path says it). */
const studentOut = (s: Student) =>
  compact({
    studentId: s.studentId,
    grade: s.grade,
    givenName: s.givenName,
    familyName: s.familyName,
    iep: s.iep,
    gender: s.gender,
    email: s.email,
    teamId: s.teamId,
  });
const requestOut = (r: CourseRequest) =>
  compact({
    courseId: r.courseId,
    priority: r.priority,
    alternateFor: r.alternateFor,
    requiredSetting: r.requiredSetting,
    lockedSectionId: r.lockedSectionId,
  });

export const studentRoutes: Operation[] = [
  operation({
    method: "get",
    path: "/v1/schools/:schoolId/students/:studentId",
    tag: "students",
    summary: "A student: their record, requests, seats in the live roster and unmet requests",
    access: STUDENT_ROLES,
    readsStudentData: true,
    school: true,
    params: studentParams,
    replies: { 200: { description: "the student", schema: studentView } },
    errors: [404],
    handle: async ({ params, context }) => {
      const problem = await readSchoolProblem(context.store, params.schoolId);
      const student = problem.students.find((s) => s.studentId === params.studentId);
      if (!student)
        throw new ApiError(
          404,
          "unknown_student",
          `school ${JSON.stringify(params.schoolId)} has no student ${JSON.stringify(params.studentId)}`,
        );
      const live = await liveRoster(context.store, params.schoolId);
      const seats = live ? seatsOf(problem, live.roster, student.studentId) : { sections: [], unmet: [] };
      return {
        status: 200,
        body: compact({
          schoolId: params.schoolId,
          student: studentOut(student),
          requests: problem.requests.filter((r) => r.studentId === student.studentId).map(requestOut),
          liveRunId: live?.runId,
          ...seats,
        }),
      };
    },
  }),
  operation({
    method: "put",
    path: "/v1/schools/:schoolId/students/:studentId",
    tag: "students",
    summary: "Enroll a late student, or change a student's record and requests, and seat them",
    description:
      "An upsert by student ID: the student's record and requests become exactly these. With place (default true) an incremental run then " +
      "seats the student without moving anyone already placed (allowMoves lets it move a few) and publishes; the reply lists the student's " +
      "seats and unmet requests. The change is saved even when the run cannot happen now (placement.status deferred). Send an " +
      "Idempotency-Key to make retries safe: a retry gets the first answer.",
    access: STUDENT_ROLES,
    school: true,
    params: studentParams,
    body: enrollBody,
    idempotent: true,
    replies: {
      200: { description: "the student's record was replaced", schema: enrollResponse, location: true },
      201: { description: "the student was enrolled", schema: enrollResponse, location: true },
    },
    errors: [404, 409, 422],
    handle: async ({ params, body, context, requestId }) => {
      const { schoolId, studentId } = params;
      const student: Student = compact({
        schoolId,
        studentId,
        grade: body.grade,
        givenName: body.givenName,
        familyName: body.familyName,
        iep: body.iep,
        gender: body.gender,
        email: body.email,
        teamId: body.teamId,
      });
      const requests: CourseRequest[] = body.requests.map((r) =>
        compact({
          schoolId,
          studentId,
          courseId: r.courseId,
          priority: r.priority,
          alternateFor: r.alternateFor,
          requiredSetting: r.requiredSetting,
          lockedSectionId: r.lockedSectionId,
        }),
      );
      const outcome = await runBatched(context.lanes, schoolId, {
        kind: "enroll",
        student,
        requests,
        place: body.place,
        allowMoves: body.allowMoves,
        requestId,
      });
      return {
        status: outcome.created ? 201 : 200,
        location: `/v1/schools/${encodeURIComponent(schoolId)}/students/${encodeURIComponent(studentId)}`,
        body: {
          schoolId,
          created: outcome.created ?? false,
          problemVersion: outcome.problemVersion,
          student: studentOut(student),
          requests: requests.map(requestOut),
          placement: outcome.placement,
        },
      };
    },
  }),
  operation({
    method: "delete",
    path: "/v1/schools/:schoolId/students/:studentId",
    tag: "students",
    summary: "Drop a student who left, and free their seats",
    description:
      "Removes the student, their requests and avoid pairs. With place (default true) an incremental run frees their seats at once.",
    access: STUDENT_ROLES,
    school: true,
    params: studentParams,
    query: dropQuery,
    idempotent: true,
    replies: { 200: { description: "the student was dropped", schema: dropResponse } },
    errors: [404],
    handle: async ({ params, query, context, requestId }) => {
      const { schoolId, studentId } = params;
      const outcome = await runBatched(context.lanes, schoolId, {
        kind: "drop",
        studentId,
        place: query.place,
        requestId,
      });
      return {
        status: 200,
        body: { schoolId, studentId, problemVersion: outcome.problemVersion, placement: outcome.placement },
      };
    },
  }),
];
