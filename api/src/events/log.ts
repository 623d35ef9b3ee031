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
 * it is held until commit. The lock and the insert are one statement (the CTE runs first, so the
 * row's seq is drawn under the lock): while the lock is held, the only round trip to this process
 * is the COMMIT, and other writers of the organization wait that much less.
 */
export async function appendEvent(tx: Transaction, event: EventInput): Promise<void> {
  const { organizationId } = event.caller;
  const before = event.before ? JSON.stringify(event.before) : null;
  await tx.$executeRaw`
    WITH ordered AS (SELECT pg_advisory_xact_lock(hashtextextended(${organizationId}, 0)))
    INSERT INTO "WorkOrderEvent" ("organizationId", "workOrderId", "type", "actorId", "actorName", "before", "after")
    SELECT ${organizationId}::uuid, ${event.workOrderId}::uuid, ${event.type}::"WorkOrderEventType", ${actorId(event.caller)},
           ${event.caller.name}, ${before}::jsonb, ${JSON.stringify(event.after)}::jsonb
    FROM ordered`;
}
