/**
 * Hard constraint 12 (interchange v1.1), the one home of links in the solver: a student placed
 * in a section of a link, and placed in another course that has a section in that link, is in
 * a section of that course within the same link. A pairwise rule between two of a student's
 * sections (linkCompatible); the per-student search and the seat test ask it, the exact and LP
 * models add linkRows, the unmet reason is link_unavailable, and the builder keeps a link's
 * sections of different courses apart in time (linkedPairs) so that they can be taken together.
 */
import type { SchoolProblem } from "../../src/domain/problem.ts";
import { reasonCode } from "../instance/reason-codes.ts";

/** The link tables of an instance. */
export interface LinkTables {
  nLinks: number;
  /** Dense link of each section, -1 for none. */
  secLink: Int32Array;
  /** CSR: the courses with a section in each link. */
  linkCourseStart: Int32Array;
  linkCourses: Int32Array;
}

/** Numbers the school's links and lists the courses each has sections of. */
export function compileLinks(problem: SchoolProblem, courseIndex: Map<string, number>): LinkTables {
  const linkIndex = new Map<string, number>();
  const courses: Set<number>[] = [];
  const secLink = Int32Array.from(problem.sections, (section) => {
    if (section.linkId === undefined) return -1;
    let k = linkIndex.get(section.linkId);
    if (k === undefined) {
      linkIndex.set(section.linkId, (k = linkIndex.size));
      courses.push(new Set());
    }
    const c = courseIndex.get(section.courseId);
    if (c !== undefined) courses[k].add(c);
    return k;
  });
  const nLinks = linkIndex.size;
  const linkCourseStart = new Int32Array(nLinks + 1);
  for (let k = 0; k < nLinks; k++) linkCourseStart[k + 1] = linkCourseStart[k] + courses[k].size;
  const linkCourses = new Int32Array(linkCourseStart[nLinks]);
  for (let k = 0; k < nLinks; k++)
    linkCourses.set(
      [...courses[k]].sort((a, b) => a - b),
      linkCourseStart[k],
    );
  return { nLinks, secLink, linkCourseStart, linkCourses };
}

/** What the link rule reads of an instance (a structural type: the instance includes these tables). */
type LinkView = LinkTables & { secCourse: Int32Array };

/** True when link k has a section of course c. */
export function linkHasCourse(inst: LinkTables, k: number, c: number): boolean {
  for (let j = inst.linkCourseStart[k]; j < inst.linkCourseStart[k + 1]; j++)
    if (inst.linkCourses[j] === c) return true;
  return false;
}

/** True when one student may sit in both sections a and b (of different courses) under constraint 12. */
export function linkCompatible(inst: LinkView, a: number, b: number): boolean {
  const la = inst.secLink[a];
  const lb = inst.secLink[b];
  if (la === lb) return true;
  if (la >= 0 && linkHasCourse(inst, la, inst.secCourse[b])) return false;
  if (lb >= 0 && linkHasCourse(inst, lb, inst.secCourse[a])) return false;
  return true;
}

/**
 * Rows of the exact and LP models: for each pair of a student's columns whose sections may not
 * be taken together, at most one of them. `cols` are the student's columns.
 */
export function linkRows(
  inst: LinkView,
  cols: readonly number[],
  colSec: ArrayLike<number>,
  colGroup: (c: number) => number,
  addRow: (cols: number[], upper: number) => void,
): void {
  for (const a of cols) {
    if (inst.secLink[colSec[a]] < 0) continue;
    for (const b of cols) {
      if (b === a || colGroup(a) === colGroup(b)) continue;
      // Each pair once: from the linked side, and from the smaller column when both are linked.
      if (inst.secLink[colSec[b]] >= 0 && b < a) continue;
      if (!linkCompatible(inst, colSec[a], colSec[b])) addRow([a, b], 1);
    }
  }
}

/**
 * Pairs of sections (flattened a, b, ...) of one link and different courses: the builder keeps
 * them out of each other's slots, so that a student can take the link whole.
 */
export function linkedPairs(problem: SchoolProblem): Int32Array {
  const byLink = new Map<string, number[]>();
  problem.sections.forEach((section, s) => {
    if (section.linkId === undefined) return;
    const list = byLink.get(section.linkId);
    if (list) list.push(s);
    else byLink.set(section.linkId, [s]);
  });
  const out: number[] = [];
  for (const list of byLink.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        if (problem.sections[list[x]].courseId !== problem.sections[list[y]].courseId) out.push(list[x], list[y]);
      }
    }
  }
  return Int32Array.from(out);
}

/** Unmet because the only sections that fit lie outside (or inside) a link the student's other courses tie them to. */
export const R_LINK_UNAVAILABLE = reasonCode("link_unavailable");
