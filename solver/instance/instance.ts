import type { LinkTables } from "../constraints/link.ts";
import type { LunchTables } from "../constraints/lunch.ts";
import type { TeamTables } from "../constraints/team.ts";

/**
 * The compact loading instance of one school: typed arrays and small index tables, built once
 * by compileInstance and read by every loader, bound and exact model.
 *
 * Indexing: students, courses, sections and teachers are numbered 0..n-1 in input order.
 * Requests are grouped: a group is one primary request followed by its alternates, groups are
 * contiguous per student, so `groupReqStart`/`studentGroupStart` are CSR offsets. At most one
 * request of a group is met, and it then meets the group (the primary's priority).
 *
 * Occupancy: a section occupies its periods (its length of them from its period on, v1.1) in each
 * of its terms; slot = term * periods + period - 1, kept as a 64-bit mask split in two 32-bit
 * words (`secMaskLo`, `secMaskHi`).
 *
 * The v1.1 constraints add their own tables (solver/constraints/): teams (folded into the
 * eligibility lists), links (secLink and the courses of each link) and lunch slots per term.
 *
 * Everything but the string tables lives in typed arrays: pass `instanceTransferList(instance)` as
 * the transfer list when posting an instance to a worker, so the buffers move instead of copying.
 */
export interface Instance extends TeamTables, LinkTables, LunchTables {
  schoolId: string;
  nPeriods: number;
  nTerms: number;
  nStudents: number;
  nCourses: number;
  nSections: number;
  nTeachers: number;
  nGroups: number;
  nRequests: number;
  /** Distinct priorities, most important first; a group's level indexes this. */
  nLevels: number;
  levelPriority: Int32Array;

  studentGrade: Int8Array;
  studentIep: Uint8Array;
  /** CSR over groups: the groups of student i are studentGroupStart[i]..studentGroupStart[i+1]. */
  studentGroupStart: Int32Array;
  /** CSR over avoid partners (both directions). */
  avoidStart: Int32Array;
  avoidOther: Int32Array;

  groupStudent: Int32Array;
  groupLevel: Uint8Array;
  /** 1 when the group has a primary request (listed in unscheduled when unmet); 0 for a lone alternate. */
  groupPrimary: Uint8Array;
  /** CSR over requests: group g holds requests groupReqStart[g]..groupReqStart[g+1]; the first is the primary. */
  groupReqStart: Int32Array;

  reqGroup: Int32Array;
  reqStudent: Int32Array;
  reqCourse: Int32Array;
  /** 0 for the primary, 1.. for its alternates in input order. */
  reqAltRank: Uint8Array;
  /** Section index named by locked_section_id, -1 if none (or -2 if it names no loadable section). */
  reqLocked: Int32Array;
  /** Section index of a pinned enrollment that must be kept, -1 if none. */
  reqFixed: Int32Array;
  /** Value of meeting the request in the per-student search: lexicographic by level within the student. */
  reqValue: Float64Array;
  /** CSR over sections open to the request (grade, setting, IEP, lock, placed). */
  reqEligStart: Int32Array;
  reqElig: Int32Array;
  /**
   * Requests with the same number here (0..nEligLists-1) have the same list of open sections
   * (requests of one course alike in grade fit, IEP, required setting and team); -1: a list of
   * the request's own (a locked section, or none for a student out of the course's grades). The
   * bounds work out what depends only on a list once per list rather than once per request
   * (solver/instance/group-lists-key.ts).
   */
  reqEligList: Int32Array;
  nEligLists: number;
  /** When a request has no eligible section: the reason code (see reason-codes.ts), else REASON_NONE. */
  reqStaticReason: Uint8Array;

  secCourse: Int32Array;
  /** min(section capacity, room capacity); 0 for a section that cannot be loaded. */
  secCapacity: Int32Array;
  /** Most IEP students; a large number when unlimited. */
  secIepCapacity: Int32Array;
  secMaskLo: Int32Array;
  secMaskHi: Int32Array;
  /**
   * Dense id of each section's slot mask (sections meeting in the same slots, and of the same
   * link, share it: the per-student search keeps one candidate per id), 0..nMasks-1.
   */
  secMaskId: Int32Array;
  nMasks: number;
  /** Teacher and co-teacher indexes, -1 when none. */
  secTeacher: Int32Array;
  secCoTeacher: Int32Array;
  /** 0 general, 1 co_taught, 2 sdc. */
  secSetting: Uint8Array;
  /** 1 when the section has a period (after placements) and can hold students. */
  secLoadable: Uint8Array;
  /** Period after placements, 0 when none. */
  secPeriod: Int8Array;

  /** Total students across a teacher's sections; a large number when unlimited. */
  teacherMaxStudents: Int32Array;

  /** Decode tables. */
  studentIds: string[];
  courseIds: string[];
  sectionIds: string[];
  teacherIds: string[];
  /** Original priority value of each request's group (the primary's priority). */
  reqPriority: Int32Array;
}

/** A number that stands for "no limit" in capacity arrays (fits Int32, never reached). */
export const UNLIMITED = 1 << 29;

/** The buffers to list as transferables when posting an instance to a worker. */
export function instanceTransferList(instance: Instance): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(instance)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  }
  return [...buffers];
}

/** The most request groups any one student has (at least 1): the size of per-student buffers. */
export function mostGroupsPerStudent(inst: Instance): number {
  let most = 1;
  for (let i = 0; i < inst.nStudents; i++)
    most = Math.max(most, inst.studentGroupStart[i + 1] - inst.studentGroupStart[i]);
  return most;
}
