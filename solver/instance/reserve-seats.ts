import { reserveIepSeats } from "../constraints/iep-capacity.ts";
import { UNLIMITED, type Instance } from "./instance.ts";

/** Seats of one section taken by students outside the instance: all of them, and those with an IEP. */
export interface ReservedSeats {
  seats: number;
  iepSeats: number;
}

/**
 * The instance with seats held by students it does not contain taken out of every limit they
 * count against: the section's seats, its IEP seats and its teachers' student limits. This is
 * how an incremental run solves only the students it must place, while the rest of the school
 * keeps its seats. Returns a copy; the instance given is not changed.
 */
export function reserveSeats(instance: Instance, reserved: ReadonlyMap<string, ReservedSeats>): Instance {
  const secCapacity = instance.secCapacity.slice();
  const secIepCapacity = instance.secIepCapacity.slice();
  const teacherMaxStudents = instance.teacherMaxStudents.slice();
  for (let s = 0; s < instance.nSections; s++) {
    const held = reserved.get(instance.sectionIds[s]);
    if (!held || held.seats === 0) continue;
    secCapacity[s] = Math.max(0, secCapacity[s] - held.seats);
    secIepCapacity[s] = reserveIepSeats(secIepCapacity, s, held.iepSeats);
    const t = instance.secTeacher[s];
    const u = instance.secCoTeacher[s];
    if (t >= 0 && teacherMaxStudents[t] < UNLIMITED)
      teacherMaxStudents[t] = Math.max(0, teacherMaxStudents[t] - held.seats);
    if (u >= 0 && u !== t && teacherMaxStudents[u] < UNLIMITED)
      teacherMaxStudents[u] = Math.max(0, teacherMaxStudents[u] - held.seats);
  }
  return { ...instance, secCapacity, secIepCapacity, teacherMaxStudents };
}
