import type { Transaction } from '../../db/types.js';
import type { Caller } from '../../domain/caller.js';
import {
  checkTimeOff,
  checkWorkingHours,
  describeUnavailability,
  MAX_UPCOMING_TIME_OFF,
  MINUTES_PER_DAY,
  unavailabilityOf,
  type Availability,
  type AvailabilityOverride,
} from '../../domain/availability.js';
import type { WorkingHoursInterval } from '../../domain/unavailability.js';
import { NotFoundError, OutsideAvailabilityError, TimeOffOverlapError, ValidationError } from '../../domain/errors.js';
import { INACTIVE_STATUSES } from '../../domain/status.js';
import type { Window } from '../../domain/time.js';
import { workOrderLabel } from '../../domain/work-order.js';
import { organizationTimeZone } from '../organizations.js';
import { requirePermission } from '../permission.js';
import { writeTimeOff } from './time-off-overlap.js';

/**
 * Bookings and time off stay consistent by taking the technician's row lock (FOR NO KEY UPDATE, which
 * the work orders' foreign-key checks do not wait for) in every write that books the technician or
 * changes when they work: a booking checks the hours and time off it sees under the lock, and a new time
 * off checks the jobs it sees under the same lock, so neither can slip past the other. NotFoundError
 * when the organization has no such technician.
 */
async function lockTechnician(tx: Transaction, organizationId: string, technicianId: string): Promise<{ name: string }> {
  const rows = await tx.$queryRaw<{ name: string }[]>`
    SELECT "name" FROM "Technician" WHERE "id" = ${technicianId}::uuid AND "organizationId" = ${organizationId}::uuid FOR NO KEY UPDATE`;
  if (!rows[0]) throw new NotFoundError('Technician', technicianId);
  return rows[0];
}

/** The hours and the time off touching a span (a day around it, for shifts through midnight). */
async function availabilityAround(tx: Transaction, technicianId: string, span: Window): Promise<Availability> {
  const margin = MINUTES_PER_DAY * 60_000;
  const [workingHours, timeOff] = await Promise.all([
    tx.workingHours.findMany({ where: { technicianId }, select: { weekday: true, startMinute: true, endMinute: true } }),
    tx.timeOff.findMany({
      where: { technicianId, startsAt: { lt: new Date(span.windowEnd.getTime() + margin) }, endsAt: { gt: new Date(span.windowStart.getTime() - margin) } },
      select: { id: true, startsAt: true, endsAt: true, reason: true },
    }),
  ]);
  return { workingHours, timeOff };
}

/**
 * Inside a booking's transaction: locks the technician and checks the window against their hours and
 * time off. Outside them, the booking is refused unless `override`; then what was overridden is returned
 * for the event.
 */
export async function checkBooking(
  tx: Transaction,
  organizationId: string,
  technicianId: string,
  window: Window,
  override: boolean,
): Promise<AvailabilityOverride | null> {
  const technician = await lockTechnician(tx, organizationId, technicianId);
  const [timeZone, availability] = await Promise.all([organizationTimeZone(tx, organizationId), availabilityAround(tx, technicianId, window)]);
  const unavailability = unavailabilityOf(window, availability, timeZone);
  if (!unavailability) return null;
  const message = describeUnavailability(unavailability, technician.name, availability.workingHours.length > 0, timeZone);
  if (!override) throw new OutsideAvailabilityError(unavailability, message);
  return { kind: unavailability.kind, message };
}

export interface WorkingHoursInput {
  technicianId: string;
  workingHours: WorkingHoursInterval[];
}

/** Replaces a technician's week. Jobs already booked outside the new hours stay where they are; the board shades them. */
export async function setWorkingHours(tx: Transaction, caller: Caller, input: WorkingHoursInput): Promise<{ id: string }> {
  requirePermission(caller, 'writeSettings');
  const errors = checkWorkingHours(input.workingHours, ['input', 'workingHours']);
  if (errors.length) throw new ValidationError(errors);
  const { organizationId } = caller;
  const { technicianId } = input;
  await lockTechnician(tx, organizationId, technicianId);
  await tx.workingHours.deleteMany({ where: { technicianId, organizationId } });
  await tx.workingHours.createMany({ data: input.workingHours.map((interval) => ({ ...interval, technicianId, organizationId })) });
  return { id: technicianId };
}

export interface TimeOffInput {
  technicianId: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
  /** Jobs the office knows lie in the range and confirms (to move afterwards). */
  workOrderIds?: string[] | null;
}

/**
 * Adds time off. Refused over other time off of the technician (TimeOffTaken, explained by runCommand),
 * and while the technician has active jobs in the range that the input does not list, so that a
 * dispatcher never plans leave over work unknowingly; checked under the technician's lock.
 */
export async function addTimeOff(tx: Transaction, caller: Caller, input: TimeOffInput) {
  requirePermission(caller, 'writeSettings');
  const errors = checkTimeOff(input, ['input']);
  if (errors.length) throw new ValidationError(errors);
  const { organizationId } = caller;
  await lockTechnician(tx, organizationId, input.technicianId);
  const upcoming = await tx.timeOff.count({ where: { technicianId: input.technicianId, endsAt: { gt: new Date() } } });
  if (upcoming >= MAX_UPCOMING_TIME_OFF) {
    throw ValidationError.field(['input'], `A technician may hold at most ${MAX_UPCOMING_TIME_OFF} time-off ranges that have not ended`);
  }
  // Written before the jobs are asked, so that a range over other time off is refused as that, not for
  // jobs the dispatcher would confirm in vain; a refusal for jobs, thrown after it, rolls it back with
  // the command's transaction.
  const { technicianId, startsAt, endsAt } = input;
  const timeOff = await writeTimeOff({ technicianId, startsAt, endsAt }, () =>
    tx.timeOff.create({ data: { organizationId, technicianId, startsAt, endsAt, reason: input.reason.trim() } }),
  );
  const inTheWay = await tx.workOrder.findMany({
    where: {
      organizationId,
      technicianId: input.technicianId,
      status: { notIn: [...INACTIVE_STATUSES] },
      windowStart: { lt: input.endsAt },
      windowEnd: { gt: input.startsAt },
    },
    select: { id: true, number: true },
    orderBy: { windowStart: 'asc' },
    take: 100,
  });
  const kept = new Set(input.workOrderIds ?? []);
  if (inTheWay.some((workOrder) => !kept.has(workOrder.id))) {
    throw new TimeOffOverlapError(inTheWay.map((workOrder) => workOrder.id), inTheWay.map((workOrder) => workOrderLabel(workOrder.number)));
  }
  return timeOff;
}

/** Deletes a time-off range; answers the technician it belonged to. */
export async function removeTimeOff(tx: Transaction, caller: Caller, input: { id: string }): Promise<{ id: string }> {
  requirePermission(caller, 'writeSettings');
  const timeOff = await tx.timeOff.findFirst({ where: { id: input.id, organizationId: caller.organizationId }, select: { technicianId: true } });
  if (!timeOff) throw new NotFoundError('Time off', input.id);
  await tx.timeOff.deleteMany({ where: { id: input.id, organizationId: caller.organizationId } });
  return { id: timeOff.technicianId };
}
