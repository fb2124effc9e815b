import type { MeetingSection, SchoolFacts } from "./school-facts.ts";

/**
 * The sections each teacher meets, as teacher or as co-teacher, by teacher_id. Only sections
 * that meet count: an unplaced section is not taught (and holds no students).
 */
export function teacherSections(facts: SchoolFacts): Map<string, MeetingSection[]> {
  const byTeacher = new Map<string, MeetingSection[]>();
  const add = (teacherId: string | undefined, meeting: MeetingSection) => {
    if (teacherId === undefined) return;
    const list = byTeacher.get(teacherId);
    if (list) list.push(meeting);
    else byTeacher.set(teacherId, [meeting]);
  };
  for (const meeting of facts.meeting.values()) {
    add(meeting.placement.teacherId, meeting);
    // A teacher named twice on one section still teaches it once.
    if (meeting.placement.coTeacherId !== meeting.placement.teacherId) add(meeting.placement.coTeacherId, meeting);
  }
  return byTeacher;
}
