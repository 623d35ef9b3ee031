import type { PrismaClient } from '../../generated/prisma/client.js';
import { EXCLUSION_VIOLATION, postgresErrorCode } from '../../db/errors.js';
import type { Caller } from '../../domain/caller.js';
import { ConflictError } from '../../domain/errors.js';
import { INACTIVE_STATUSES } from '../../domain/status.js';
import { workOrderLabel } from '../../domain/work-order.js';

/** The time a write books for a technician; `ignoreId` is the work order being moved, which may overlap itself. */
export interface Booking {
  technicianId: string | null;
  windowStart: Date;
  windowEnd: Date;
  ignoreId?: string;
}

/**
 * The database's exclusion constraint refused a booking. The transaction is aborted by then, so which
 * job is in the way is asked after the rollback (by runCommand, through explainBookingConflict).
 */
export class TechnicianBooked extends Error {
  constructor(readonly booking: Booking, cause: unknown) {
    super('The technician is already booked in that window', { cause });
  }
}

/** Runs a write that books a technician's time; the exclusion constraint is the judge of overlaps. */
export async function book<T>(booking: Booking, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (postgresErrorCode(error) === EXCLUSION_VIOLATION && booking.technicianId) throw new TechnicianBooked(booking, error);
    throw error;
  }
}

/** The ConflictError naming the active job in the way; the original failure when it has gone since. */
export async function explainBookingConflict(prisma: PrismaClient, caller: Caller, refused: TechnicianBooked): Promise<unknown> {
  const { technicianId, windowStart, windowEnd, ignoreId } = refused.booking;
  const conflicting = await prisma.workOrder.findFirst({
    where: {
      organizationId: caller.organizationId,
      technicianId,
      id: ignoreId ? { not: ignoreId } : undefined,
      status: { notIn: [...INACTIVE_STATUSES] },
      windowStart: { lt: windowEnd },
      windowEnd: { gt: windowStart },
    },
  });
  return conflicting ? new ConflictError(conflicting.id, workOrderLabel(conflicting.number)) : refused.cause;
}
