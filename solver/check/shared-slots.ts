import type { MeetingSection } from "./school-facts.ts";

/** Two sections of one person or room that meet in the same period in at least one common term. */
export interface Clash {
  first: MeetingSection;
  second: MeetingSection;
  period: number;
  terms: string[];
}

/**
 * The clashes among the sections of one student, teacher or room: pairs that share a period
 * and a term. A section meets in its period in each of its terms, so S1 and S2 sections in
 * the same period do not clash. Linear in the number of (section, term) slots.
 */
export function clashesAmong(sections: Iterable<MeetingSection>): Clash[] {
  const bySlot = new Map<string, MeetingSection[]>();
  const distinct = new Set<MeetingSection>();
  for (const meeting of sections) {
    if (distinct.has(meeting)) continue;
    distinct.add(meeting);
    for (const term of meeting.terms) {
      // The period is digits, so the first "|" separates it from any term name.
      const slot = `${meeting.period}|${term}`;
      const others = bySlot.get(slot);
      if (others) others.push(meeting);
      else bySlot.set(slot, [meeting]);
    }
  }

  const clashes: Clash[] = [];
  const pairs = new Map<MeetingSection, Map<MeetingSection, Clash>>();
  for (const [slot, inSlot] of bySlot) {
    if (inSlot.length < 2) continue;
    const term = slot.slice(slot.indexOf("|") + 1);
    for (let i = 0; i < inSlot.length; i++) {
      for (let j = i + 1; j < inSlot.length; j++) {
        const withFirst = pairs.get(inSlot[i]) ?? new Map<MeetingSection, Clash>();
        pairs.set(inSlot[i], withFirst);
        const known = withFirst.get(inSlot[j]);
        if (known) {
          known.terms.push(term);
          continue;
        }
        const clash = { first: inSlot[i], second: inSlot[j], period: inSlot[i].period, terms: [term] };
        withFirst.set(inSlot[j], clash);
        clashes.push(clash);
      }
    }
  }
  return clashes;
}

/** "term S1" or "terms S1, S2": how a message names the terms of a clash. */
export function termsText(terms: string[]): string {
  return terms.length === 1 ? `term ${terms[0]}` : `terms ${terms.join(", ")}`;
}
