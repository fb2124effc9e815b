import { iepCapacityRow } from "../constraints/iep-capacity.ts";
import { linkRows } from "../constraints/link.ts";
import { lunchRows } from "../constraints/lunch.ts";
import type { Instance } from "../instance/instance.ts";

/**
 * The loading problem as a linear model over x[r,s] (request r seated in open section s), rows
 * in compressed sparse row form, of the kind `sum(x) <= upper`, with unit coefficients but for
 * lunch rows: one request per group, one class per student and slot, section capacity, IEP
 * capacity, teacher max_students, linked sections (constraint 12), a lunch period free per
 * student and term (constraint 13), and (for the exact model) avoid pairs. Teams (11) and
 * multi-period sections (10) are in the eligibility lists and the slot masks already. Shared by
 * the LP bound and the exact MIP, and by both engines.
 */
export interface LoadModel {
  numCols: number;
  colReq: Int32Array;
  colSec: Int32Array;
  colCost: Float64Array;
  /** 1 for a pinned enrollment (kept), else 0. */
  colLower: Float64Array;
  /** Upper bound of each column (0 fixes it out of the load); absent when every column may be 1. */
  colUpper?: Float64Array;
  numRows: number;
  rowStart: Int32Array;
  rowIndex: Int32Array;
  rowUpper: Float64Array;
  /** Coefficient of each rowIndex entry; absent when every coefficient is 1. */
  rowValue?: Float64Array;
  /** Lower bound of each row; absent when every row is only bounded above. */
  rowLower?: Float64Array;
}

export interface LoadModelOptions {
  /**
   * Value of each column: "count" = 1 per primary group met (the bound; columns of lone
   * alternates left out); "none" = every column, all of value 0 (the exact model sets the
   * value of each of its lexicographic stages itself).
   */
  objective: "count" | "none";
  /** Add one row per avoid pair and shared section (the exact model needs them; a bound may drop them). */
  avoidRows: boolean;
  /**
   * Per student, the most of their columns any roster seats (their time bound): one row each
   * (a cut no roster violates). The LP alone lets a student take halves of sections whose
   * periods conflict in odd cycles, and sits above the time bound on continuation schools
   * (CHS-0041: LP 807, time bound 771); with these rows it is never above the time bound.
   */
  studentLimits?: Int32Array;
}

/** Builds the model of `inst`. */
export function buildLoadModel(inst: Instance, options: LoadModelOptions): LoadModel {
  const colReq: number[] = [];
  const colSec: number[] = [];
  const colCost: number[] = [];
  const colLower: number[] = [];
  const colOf = new Map<number, number>(); // r * nSections + s -> column
  for (let r = 0; r < inst.nRequests; r++) {
    const g = inst.reqGroup[r];
    if (options.objective === "count" && !inst.groupPrimary[g]) continue;
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
      const s = inst.reqElig[e];
      colOf.set(r * inst.nSections + s, colReq.length);
      colReq.push(r);
      colSec.push(s);
      colCost.push(options.objective === "count" ? 1 : 0);
      colLower.push(inst.reqFixed[r] === s ? 1 : 0);
    }
  }
  const numCols = colReq.length;
  const rowStart: number[] = [0];
  const rowIndex: number[] = [];
  const rowUpper: number[] = [];
  const rowValue: number[] = [];
  let weighted = false;
  const addRow = (cols: number[], upper: number, coefs?: number[]) => {
    // A row that can never bind is left out.
    if (coefs === undefined && (cols.length <= upper || cols.length < 2)) return;
    cols.forEach((c, k) => {
      rowIndex.push(c);
      rowValue.push(coefs?.[k] ?? 1);
    });
    if (coefs !== undefined) weighted = true;
    rowStart.push(rowIndex.length);
    rowUpper.push(upper);
  };

  // Columns are in request order, so each group's and student's columns are contiguous.
  const reqColStart = new Int32Array(inst.nRequests + 1).fill(-1);
  {
    let c = 0;
    for (let r = 0; r < inst.nRequests; r++) {
      reqColStart[r] = c;
      while (c < numCols && colReq[c] === r) c++;
    }
    reqColStart[inst.nRequests] = numCols;
  }
  const colsOfGroup = (g: number) => {
    const out: number[] = [];
    for (let c = reqColStart[inst.groupReqStart[g]]; c < reqColStart[inst.groupReqStart[g + 1]]; c++) out.push(c);
    return out;
  };
  for (let g = 0; g < inst.nGroups; g++) addRow(colsOfGroup(g), 1);

  const nSlots = inst.nTerms * inst.nPeriods;
  for (let i = 0; i < inst.nStudents; i++) {
    const c0 = reqColStart[inst.groupReqStart[inst.studentGroupStart[i]]];
    const c1 = reqColStart[inst.groupReqStart[inst.studentGroupStart[i + 1]]];
    for (let t = 0; t < nSlots; t++) {
      const cols: number[] = [];
      for (let c = c0; c < c1; c++) {
        const s = colSec[c];
        const inSlot = t < 32 ? (inst.secMaskLo[s] >>> t) & 1 : (inst.secMaskHi[s] >>> (t - 32)) & 1;
        if (inSlot) cols.push(c);
      }
      // Columns of one group already exclude each other; the slot row matters across groups.
      let groups = 0;
      let lastGroup = -1;
      for (const c of cols) {
        const g = inst.reqGroup[colReq[c]];
        if (g !== lastGroup) groups++;
        lastGroup = g;
      }
      if (groups >= 2) addRow(cols, 1);
    }
    if (options.studentLimits) {
      const mine: number[] = [];
      for (let c = c0; c < c1; c++) mine.push(c);
      addRow(mine, options.studentLimits[i]);
    }
    if (inst.nLinks > 0 || inst.lunchLo.length > 0) {
      const mine: number[] = [];
      for (let c = c0; c < c1; c++) mine.push(c);
      if (inst.nLinks > 0) linkRows(inst, mine, colSec, (c) => inst.reqGroup[colReq[c]], addRow);
      lunchRows(inst, mine, colSec, addRow);
    }
  }

  const colsOfSection: number[][] = Array.from({ length: inst.nSections }, () => []);
  for (let c = 0; c < numCols; c++) colsOfSection[colSec[c]].push(c);
  const iepColumn = (c: number) => inst.studentIep[inst.reqStudent[colReq[c]]] === 1;
  for (let s = 0; s < inst.nSections; s++) {
    addRow(colsOfSection[s], inst.secCapacity[s]);
    iepCapacityRow(inst.secIepCapacity, s, colsOfSection[s], iepColumn, addRow);
  }
  const colsOfTeacher: number[][] = Array.from({ length: inst.nTeachers }, () => []);
  for (let c = 0; c < numCols; c++) {
    const s = colSec[c];
    const t = inst.secTeacher[s];
    const u = inst.secCoTeacher[s];
    if (t >= 0) colsOfTeacher[t].push(c);
    if (u >= 0 && u !== t) colsOfTeacher[u].push(c);
  }
  for (let t = 0; t < inst.nTeachers; t++) addRow(colsOfTeacher[t], inst.teacherMaxStudents[t]);

  if (options.avoidRows) {
    for (let a = 0; a < inst.nStudents; a++) {
      for (let k = inst.avoidStart[a]; k < inst.avoidStart[a + 1]; k++) {
        const b = inst.avoidOther[k];
        if (b < a) continue;
        for (const [s, colA] of studentSectionCols(inst, colOf, a)) {
          const colB = studentSectionCols(inst, colOf, b).get(s);
          if (colB !== undefined) addRow([colA, colB], 1);
        }
      }
    }
  }

  return {
    numCols,
    colReq: Int32Array.from(colReq),
    colSec: Int32Array.from(colSec),
    colCost: Float64Array.from(colCost),
    colLower: Float64Array.from(colLower),
    numRows: rowUpper.length,
    rowStart: Int32Array.from(rowStart),
    rowIndex: Int32Array.from(rowIndex),
    rowUpper: Float64Array.from(rowUpper),
    ...(weighted ? { rowValue: Float64Array.from(rowValue) } : {}),
  };
}

/** The columns of student i, keyed by section (a student has one course per section). */
function studentSectionCols(inst: Instance, colOf: Map<number, number>, i: number): Map<number, number> {
  const out = new Map<number, number>();
  const r0 = inst.groupReqStart[inst.studentGroupStart[i]];
  const r1 = inst.groupReqStart[inst.studentGroupStart[i + 1]];
  for (let r = r0; r < r1; r++) {
    for (let e = inst.reqEligStart[r]; e < inst.reqEligStart[r + 1]; e++) {
      const c = colOf.get(r * inst.nSections + inst.reqElig[e]);
      if (c !== undefined) out.set(inst.reqElig[e], c);
    }
  }
  return out;
}
