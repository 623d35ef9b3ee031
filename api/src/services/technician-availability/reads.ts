import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Caller } from '../../domain/caller.js';
import { freeSlotsOn, MAX_TIME_OFF_QUERY_DAYS, MINUTES_PER_DAY, nearestFirst, type FreeSlot } from '../../domain/availability.js';
import { NotFoundError } from '../../domain/errors.js';
import { INACTIVE_STATUSES } from '../../domain/status.js';
import { dayRange } from '../../domain/time.js';
import { organizationTimeZone } from '../organizations.js';
import { requireTechnician } from '../technicians.js';

/** The reads of a technician's availability: their time off over a span, and where a job fits on a day. */

/** `Technician.timeOff(from, to)`: the ranges touching the span, at most MAX_TIME_OFF_QUERY_DAYS long. */
export function timeOffSpanError(from: Date, to: Date): string | null {
  if (to <= from) return '`to` must be after `from`';
  if (to.getTime() - from.getTime() > MAX_TIME_OFF_QUERY_DAYS * MINUTES_PER_DAY * 60_000) return `At most ${MAX_TIME_OFF_QUERY_DAYS} days at once`;
  return null;
}

export interface SlotRequest {
  serviceTypeId: string;
  date: string;
  technicianId?: string | null;
  durationMinutes?: number | null;
  near?: Date | null;
  first: number;
}

export interface AvailableSlot extends FreeSlot {
  technicianId: string;
}

/**
 * Where the service fits on the day, for one technician or every active one: their hours, less time
 * off and active jobs. Nearest `near` first when it is given, else in order of start.
 */
export async function availableSlots(prisma: PrismaClient, caller: Caller, request: SlotRequest): Promise<AvailableSlot[]> {
  const { organizationId } = caller;
  const serviceType = await prisma.serviceType.findFirst({ where: { id: request.serviceTypeId, organizationId }, select: { defaultDurationMinutes: true } });
  if (!serviceType) throw new NotFoundError('Service type', request.serviceTypeId);
  if (request.technicianId) await requireTechnician(prisma, caller, request.technicianId);
  const timeZone = await organizationTimeZone(prisma, organizationId);
  const day = dayRange(request.date, timeZone);
  const margin = MINUTES_PER_DAY * 60_000;
  const technicians = await prisma.technician.findMany({
    where: { organizationId, ...(request.technicianId ? { id: request.technicianId } : { active: true }) },
    select: {
      id: true,
      workingHours: { select: { weekday: true, startMinute: true, endMinute: true } },
      timeOff: { where: { startsAt: { lt: day.windowEnd }, endsAt: { gt: day.windowStart } }, select: { id: true, startsAt: true, endsAt: true, reason: true } },
      workOrders: {
        where: {
          status: { notIn: [...INACTIVE_STATUSES] },
          windowStart: { gt: new Date(day.windowStart.getTime() - margin), lt: day.windowEnd },
          windowEnd: { gt: day.windowStart },
        },
        select: { windowStart: true, windowEnd: true },
      },
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    relationLoadStrategy: 'join',
  });
  const duration = request.durationMinutes ?? serviceType.defaultDurationMinutes;
  const slots = technicians.flatMap((technician) =>
    freeSlotsOn(request.date, technician, technician.workOrders, duration, timeZone, request.near ?? undefined).map((slot) => ({
      ...slot,
      technicianId: technician.id,
    })),
  );
  const ordered = request.near ? nearestFirst(slots, request.near) : [...slots].sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime());
  return ordered.slice(0, request.first);
}
