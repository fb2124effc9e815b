import type { SchoolFacts } from "./school-facts.ts";
import type { Violation } from "./violation.ts";

/** Hard constraint 2: a section never holds more students than its room's capacity. */
export function checkRoomCapacity(facts: SchoolFacts): Violation[] {
  const violations: Violation[] = [];
  for (const number of facts.seatedSections) {
    const sectionId = facts.sectionList[number]!.sectionId;
    const students = facts.headcount[number]!;
    const roomId = facts.placements.get(sectionId)?.roomId;
    const room = roomId === undefined ? undefined : facts.rooms.get(roomId);
    if (!room || students <= room.capacity) continue;
    violations.push({
      constraint: "room-capacity",
      schoolId: facts.school.schoolId,
      message: `section ${sectionId} holds ${students} students but its room ${room.roomId} seats ${room.capacity}`,
    });
  }
  return violations;
}
