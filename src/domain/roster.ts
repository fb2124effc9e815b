/**
 * A roster: what a run decides for one school. Plain data, shared by the solver's
 * result, the exporters, the store and the independent validator.
 */

/** Where a section ended up: its period, teacher, co-teacher and room after the build. */
export interface SectionPlacement {
  sectionId: string;
  /** Undefined when the section could not be placed (it then holds no students). */
  period?: number;
  teacherId?: string;
  coTeacherId?: string;
  roomId?: string;
}

/** One student seated in one section. */
export interface Enrollment {
  studentId: string;
  sectionId: string;
}

/** Why a primary request went unmet, in words a counselor can act on. */
export const UNSCHEDULED_REASONS = [
  /** Every eligible section is full (section, room, teacher load or IEP capacity). */
  "no_seat",
  /** Eligible sections have seats, but all meet when the student is in another class. */
  "period_conflict",
  /** No section of the course is open to the student (grade, terms, none offered or placed). */
  "no_eligible_section",
  /** Sections exist, but none in the setting the student requires (co-taught or SDC). */
  "setting_unavailable",
  /** Every remaining section already holds a student this one must be kept apart from. */
  "avoid_conflict",
  /** The locked section named in the request cannot take the student. */
  "locked_section_unavailable",
  /** Met by none of the above alone: the solver traded it for a more important request. */
  "traded_for_higher_priority",
  /** v1.1: the student's team has sections of the course, and every one that fits is full. */
  "team_full",
  /** v1.1: the only sections that fit are outside the link the student's other linked course ties them to. */
  "link_unavailable",
  /** v1.1: every section that fits would take the student's last free lunch period. */
  "no_lunch",
] as const;
export type UnscheduledReason = (typeof UNSCHEDULED_REASONS)[number];

export interface Unscheduled {
  studentId: string;
  courseId: string;
  priority: number;
  reason: UnscheduledReason;
}

export interface SchoolRoster {
  schoolId: string;
  /** Every section of the school, with its final placement. */
  sections: SectionPlacement[];
  enrollments: Enrollment[];
  /** One row per primary request met neither by its course nor by an alternate. */
  unscheduled: Unscheduled[];
}
