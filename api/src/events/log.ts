import type { WorkOrderEventType } from '../generated/prisma/enums.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import { actorId, type Caller } from '../domain/caller.js';
import type { WorkOrderSnapshot } from '../domain/work-order.js';
import { enqueueFanOut } from '../webhooks/fan-out.js';
import type { AvailabilityOverride } from '../domain/availability.js';
import { ValidationError } from '../domain/errors.js';
import { seqNotGiven, seqsGivenTo } from '../domain/event-visibility.js';
import { visibleEvents } from '../auth/visible-rows.js';

export interface EventInput {
  caller: Caller;
  workOrderId: string;
  type: WorkOrderEventType;
  before: WorkOrderSnapshot | null;
  after: WorkOrderSnapshot;
  /** What of the technician's availability the change overrode on purpose, if anything. */
  availabilityOverride?: AvailabilityOverride | null;
}

/**
 * Appends one event in the caller's transaction. Its final seq, the organization's next number, is
 * drawn at commit by a database trigger from the organization's counter row, locked until the commit
 * is durable (see the migration `sequence_events_per_organization`), so readers can rely on an
 * organization's seqs being 1, 2, 3… in commit order. The webhook fan-out is enqueued in the same
 * transaction: the event's commit is what makes it delivered.
 */
export async function appendEvent(tx: Transaction, event: EventInput): Promise<void> {
  const { organizationId } = event.caller;
  const before = event.before ? JSON.stringify(event.before) : null;
  const override = event.availabilityOverride ? JSON.stringify(event.availabilityOverride) : null;
  await tx.$executeRaw`
    INSERT INTO "WorkOrderEvent" ("organizationId", "workOrderId", "type", "actorId", "actorName", "before", "after", "availabilityOverride")
    VALUES (${organizationId}::uuid, ${event.workOrderId}::uuid, ${event.type}::"WorkOrderEventType", ${actorId(event.caller)},
            ${event.caller.name}, ${before}::jsonb, ${JSON.stringify(event.after)}::jsonb, ${override}::jsonb)`;
  await enqueueFanOut(tx, organizationId);
}

/**
 * Refuses a seq to resume after that the caller was never given (domain/event-visibility.ts
 * `seqsGivenTo`), as a ValidationError on `argument` that tells whoever is given the organization's seqs
 * its latest. 0, everything, is always a place to start.
 */
export async function requireGivenSeq(prisma: PrismaClient, caller: Caller, after: bigint, argument: string): Promise<void> {
  if (after === 0n) return;
  if (seqsGivenTo(caller) === 'organization') {
    const latest = await latestEventSeq(prisma, caller.organizationId);
    if (after > latest) throw ValidationError.field([argument], seqNotGiven(latest));
    return;
  }
  // Its own event at `after`, or a later one: found at once for the seq of its last event, the usual `after`.
  const given = await prisma.workOrderEvent.findFirst({ where: { AND: [visibleEvents(caller), { seq: { gte: after } }] }, orderBy: { seq: 'asc' }, select: { seq: true } });
  if (!given) throw ValidationError.field([argument], seqNotGiven(null));
}

/** The organization's latest event sequence number (0 before its first event). */
export async function latestEventSeq(prisma: PrismaClient, organizationId: string): Promise<bigint> {
  const latest = await prisma.workOrderEvent.findFirst({ where: { organizationId }, orderBy: { seq: 'desc' }, select: { seq: true } });
  return latest?.seq ?? 0n;
}
