import type { PrismaClient } from '../../generated/prisma/client.js';
import { EXCLUSION_VIOLATION, postgresErrorCode } from '../../db/errors.js';
import { timeOffOverlapError } from '../../domain/availability.js';
import type { Caller } from '../../domain/caller.js';
import { ValidationError } from '../../domain/errors.js';
import { organizationTimeZone } from '../organizations.js';

/** The range a write gives a technician off. */
export interface TimeOffRangeWrite {
  technicianId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The database's exclusion constraint refused a time-off range over another one of the technician. The
 * transaction is aborted by then, so which range is in the way is asked after the rollback (by
 * runCommand, through explainTimeOffOverlap).
 */
export class TimeOffTaken extends Error {
  constructor(readonly range: TimeOffRangeWrite, cause: unknown) {
    super('The technician already has time off in that range', { cause });
  }
}

/** Runs a write of a time-off range; the exclusion constraint is the judge of overlaps. */
export async function writeTimeOff<T>(range: TimeOffRangeWrite, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (postgresErrorCode(error) === EXCLUSION_VIOLATION) throw new TimeOffTaken(range, error);
    throw error;
  }
}

/** The ValidationError naming the range in the way (the earliest, if several), in the organization's zone. */
export async function explainTimeOffOverlap(prisma: PrismaClient, caller: Caller, refused: TimeOffTaken): Promise<ValidationError> {
  const { technicianId, startsAt, endsAt } = refused.range;
  const [existing, timeZone] = await Promise.all([
    prisma.timeOff.findFirst({
      where: { organizationId: caller.organizationId, technicianId, startsAt: { lt: endsAt }, endsAt: { gt: startsAt } },
      select: { id: true, startsAt: true, endsAt: true, reason: true },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    }),
    organizationTimeZone(prisma, caller.organizationId),
  ]);
  return new ValidationError([timeOffOverlapError(refused.range, existing, timeZone, ['input'])]);
}
