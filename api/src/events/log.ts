import type { WorkOrderEventType } from '../generated/prisma/enums.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import { actorId, type Caller } from '../domain/caller.js';
import { ValidationError } from '../domain/errors.js';
import { accessOf } from '../domain/permissions.js';
import { resumeSeqProblem } from '../domain/ranges.js';
import type { WorkOrderSnapshot } from '../domain/work-order.js';
import { enqueueFanOut } from '../webhooks/fan-out.js';
import type { AvailabilityOverride } from '../domain/availability.js';

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

/** The organization's latest event sequence number (0 before its first event). */
export async function latestEventSeq(prisma: PrismaClient, organizationId: string): Promise<bigint> {
  const latest = await prisma.workOrderEvent.findFirst({ where: { organizationId }, orderBy: { seq: 'desc' }, select: { seq: true } });
  return latest?.seq ?? 0n;
}

/**
 * Refuses, as a field error at `path`, a seq to resume after that is past the organization's latest event
 * (domain `resumeSeqProblem`); the latest is told to whoever may read `lastEventSeq`.
 */
export async function requireResumableSeq(prisma: PrismaClient, caller: Caller, after: bigint, path: string[]): Promise<void> {
  const latest = await latestEventSeq(prisma, caller.organizationId);
  const problem = resumeSeqProblem(after, latest, accessOf(caller).reads('Schedule', 'direct'));
  if (problem) throw ValidationError.field(path, problem);
}
