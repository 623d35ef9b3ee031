import type { Prisma } from '../generated/prisma/client.js';
import type { WorkOrderEventType } from '../generated/prisma/enums.js';
import type { Transaction } from '../db/types.js';
import { actorId, type Caller } from '../domain/caller.js';
import type { WorkOrderSnapshot } from '../domain/work-order.js';

export interface EventInput {
  caller: Caller;
  workOrderId: string;
  type: WorkOrderEventType;
  before: WorkOrderSnapshot | null;
  after: WorkOrderSnapshot;
}

/**
 * Appends one event in the caller's transaction. The transaction-level advisory lock on the
 * organization makes events of one organization take their sequence numbers in commit order,
 * so a reader that has seen seq N never later finds a smaller one committed. Take it last:
 * it is held until commit.
 */
export async function appendEvent(tx: Transaction, event: EventInput) {
  const { organizationId } = event.caller;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${organizationId}, 0))`;
  return tx.workOrderEvent.create({
    data: {
      organizationId,
      workOrderId: event.workOrderId,
      type: event.type,
      actorId: actorId(event.caller),
      actorName: event.caller.name,
      before: (event.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: event.after as unknown as Prisma.InputJsonValue,
    },
  });
}
