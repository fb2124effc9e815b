import type { MeetingSection, SchoolFacts } from "./school-facts.ts";
import { clashesAmong, termsText } from "./shared-slots.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 6: a room holds at most one section per period in any shared term. */
export function checkRoomClash(facts: SchoolFacts): Violation[] {
  const byRoom = new Map<string, MeetingSection[]>();
  for (const meeting of facts.meeting.values()) {
    const roomId = meeting.placement.roomId;
    if (roomId === undefined) continue;
    const list = byRoom.get(roomId);
    if (list) list.push(meeting);
    else byRoom.set(roomId, [meeting]);
  }
  const violations: Violation[] = [];
  for (const [roomId, sections] of byRoom) {
    for (const clash of clashesAmong(sections)) {
      violations.push({
        constraint: "room-clash",
        schoolId: facts.school.schoolId,
        message: `room ${roomId} holds sections ${clash.first.section.sectionId} and ${clash.second.section.sectionId}, which both meet in period ${clash.period} of ${termsText(clash.terms)}`,
      });
    }
  }
  return violations;
}
