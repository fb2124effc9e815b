import type { MeetingSection } from "./school-facts.ts";

/** Two sections of one person or room that meet in the same period in at least one common term. */
export interface Clash {
  first: MeetingSection;
  second: MeetingSection;
  period: number;
  terms: string[];
}

/**
 * The clashes among the sections of one student, teacher or room: pairs that meet in the same
 * period and share a term. A section meets in each of its periods (more than one when it is
 * longer than one, constraint 10) in each of its terms, so an S1 and an S2 section in the same
 * period do not clash. Sorting by period keeps this near linear: only sections of one period
 * are compared, and beyond the school's number of terms every extra one compared is itself a
 * clash. The sections must be distinct; a pair is reported once, at the first period shared.
 */
export function clashesAmong(sections: MeetingSection[]): Clash[] {
  if (!sharePeriod(sections)) return [];
  const meetings: { meeting: MeetingSection; period: number }[] = [];
  for (const meeting of sections) for (const period of meeting.periods) meetings.push({ meeting, period });
  const sorted = meetings.sort((a, b) => a.period - b.period);
  const clashes: Clash[] = [];
  let reported: Set<string> | undefined;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].period === sorted[i].period; j++) {
      const first = sorted[i].meeting;
      const second = sorted[j].meeting;
      const terms = first.terms.filter((term) => second.terms.includes(term));
      if (terms.length === 0) continue;
      if (first.periods.length > 1 || second.periods.length > 1) {
        const pair = JSON.stringify([first.section.sectionId, second.section.sectionId].sort());
        reported ??= new Set();
        if (reported.has(pair)) continue;
        reported.add(pair);
      }
      clashes.push({ first, second, period: sorted[i].period, terms });
    }
  }
  return clashes;
}

/**
 * Whether two of the sections meet in one period (in any terms): only then can they clash. The
 * common case, a valid roster's student or teacher, is answered from a bit mask of the periods
 * with nothing allocated (a sort per student was most of constraint 1's time on a district).
 */
function sharePeriod(sections: MeetingSection[]): boolean {
  let seen = 0;
  let wide: Set<number> | undefined;
  for (const meeting of sections) {
    for (const period of meeting.periods) {
      if (period >= 0 && period < 31) {
        const bit = 1 << period;
        if (seen & bit) return true;
        seen |= bit;
      } else {
        wide ??= new Set();
        if (wide.has(period)) return true;
        wide.add(period);
      }
    }
  }
  return false;
}

/** "term S1" or "terms S1, S2": how a message names the terms of a clash. */
export function termsText(terms: string[]): string {
  return terms.length === 1 ? `term ${terms[0]}` : `terms ${terms.join(", ")}`;
}
