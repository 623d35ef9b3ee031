import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { dayRange } from '../domain/time.js';
import { organizationTimeZone } from './organizations.js';
import { dayWhere } from './work-order-filters.js';

export interface ScheduleDay {
  date: string;
  timeZone: string;
  windowStart: Date;
  windowEnd: Date;
  caller: Caller;
}

export async function scheduleDay(prisma: PrismaClient, caller: Caller, date: string): Promise<ScheduleDay> {
  const timeZone = await organizationTimeZone(prisma, caller.organizationId);
  return { date, timeZone, ...dayRange(date, timeZone), caller };
}

/** The board's columns: active technicians, plus any inactive one who still has a job that day. A technician sees only their own. */
export function scheduleTechniciansWhere(day: ScheduleDay): Prisma.TechnicianWhereInput {
  const { caller } = day;
  const own = caller.kind === 'user' && caller.role === 'TECHNICIAN' ? { id: caller.technicianId ?? '' } : {};
  return {
    organizationId: caller.organizationId,
    ...own,
    OR: [{ active: true }, { workOrders: { some: dayWhere(caller, day) } }],
  };
}

export function scheduleWorkOrdersWhere(day: ScheduleDay, assigned: boolean): Prisma.WorkOrderWhereInput {
  return { ...dayWhere(day.caller, day), technicianId: assigned ? { not: null } : null };
}
