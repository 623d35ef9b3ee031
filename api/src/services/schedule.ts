import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { dayRange } from '../domain/time.js';
import { visibleTechnicians } from '../auth/visible-rows.js';
import { dayWhere } from './work-order-filters.js';

export interface Schedule {
  date: string;
  timeZone: string;
  windowStart: Date;
  windowEnd: Date;
  caller: Caller;
  /** The organization's latest event when the day was read: where a live subscription resumes from. */
  lastSeq: bigint;
}

/**
 * Reads the latest event first, so that the rows read afterwards are at least that recent. The zone
 * and the latest event come in one statement (the board's read stays within 4 statements: `pnpm bench`).
 */
export async function scheduleOn(prisma: PrismaClient, caller: Caller, date: string): Promise<Schedule> {
  const organization = await prisma.organization.findUniqueOrThrow({
    where: { id: caller.organizationId },
    select: { timeZone: true, events: { select: { seq: true }, orderBy: { seq: 'desc' }, take: 1 } },
    relationLoadStrategy: 'join',
  });
  const { timeZone } = organization;
  return { date, timeZone, ...dayRange(date, timeZone), caller, lastSeq: organization.events[0]?.seq ?? 0n };
}

/** The board's columns: active technicians, plus any inactive one who still has a job that day. A technician sees only their own. */
export function scheduleTechniciansWhere(day: Schedule): Prisma.TechnicianWhereInput {
  const { caller } = day;
  return { ...visibleTechnicians(caller), OR: [{ active: true }, { workOrders: { some: dayWhere(caller, day) } }] };
}

/** AND, not a spread: the caller's visible rows may themselves name the technician (a technician's own jobs). */
export function scheduleWorkOrdersWhere(day: Schedule, assigned: boolean): Prisma.WorkOrderWhereInput {
  return { AND: [dayWhere(day.caller, day), { technicianId: assigned ? { not: null } : null }] };
}
