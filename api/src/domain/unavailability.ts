/** The shapes of a technician's availability, shared by the rules (availability.ts) and the error that reports them. */

export interface WorkingHoursInterval {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface TimeOffRange {
  id: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

/** Why a technician cannot take a window: the time off in the way, or hours that do not cover it. */
export type Unavailability =
  | { kind: 'TIME_OFF'; timeOff: TimeOffRange }
  | { kind: 'OUTSIDE_WORKING_HOURS'; date: string; weekday: number; workingHours: WorkingHoursInterval[] };
