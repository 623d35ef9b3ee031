import type { PrismaClient, WorkOrderEvent } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import { visibilityKey, type Caller } from '../domain/caller.js';
import { changeVisibleTo, type LoggedChange } from '../domain/event-visibility.js';
import { webhookEventsOf, wireName, type DeliveredEventType, type WebhookEventType } from '../domain/webhooks.js';
import { snapshotsOf } from '../events/snapshot.js';
import { enqueueJob, enqueueJobs } from '../jobs/enqueue.js';
import { endpointOwner, OWNER_KEY } from './owner.js';
import { customerData, vehicleData, workOrderEventData } from './payloads.js';

export const FAN_OUT_TASK = 'webhookFanOut';
export const RECORD_CHANGE_TASK = 'webhookRecordChange';
export const DELIVER_TASK = 'deliverWebhook';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      webhookFanOut: { organizationId: string };
      webhookRecordChange: RecordChange;
      deliverWebhook: AttemptJob;
    }
  }
}

/** Events turned into deliveries per run; more are left to the next run, enqueued by this one. */
const BATCH = 100;
const FAN_OUT_TIMEOUT_MS = 60_000;

export interface AttemptJob {
  deliveryId: string;
  /** Which attempt this job is: a job whose attempt was already made (a replaced or repeated one) does nothing. */
  attempt: number;
}

/** A customer or vehicle change, which the work order event log does not hold. */
export interface RecordChange {
  organizationId: string;
  type: Extract<WebhookEventType, 'CUSTOMER_CREATED' | 'CUSTOMER_UPDATED' | 'VEHICLE_CREATED' | 'VEHICLE_UPDATED'>;
  id: string;
  at: string;
}

/** Called in the transaction of every logged event: its commit makes the run that delivers it. */
export async function enqueueFanOut(tx: Transaction, organizationId: string): Promise<void> {
  await enqueueJob(tx, FAN_OUT_TASK, { organizationId });
}

/** Called in the transaction of a customer or vehicle change. */
export async function enqueueRecordChange(tx: Transaction, change: RecordChange): Promise<void> {
  await enqueueJob(tx, RECORD_CHANGE_TASK, change);
}

type Attempted = { id: string; endpointId: string; attemptCount: number };

/**
 * The job of a delivery's next attempt. Its key is the delivery's (a replay replaces a waiting one) and its
 * queue the endpoint's, so one request at a time goes to an endpoint, across instances.
 */
function attemptJob(delivery: Attempted, runAt?: Date) {
  return {
    payload: { deliveryId: delivery.id, attempt: delivery.attemptCount + 1 },
    options: { runAt, jobKey: `webhook:${delivery.id}`, queueName: `webhook:${delivery.endpointId}`, maxAttempts: 3 },
  };
}

export function enqueueAttempt(tx: Transaction, delivery: Attempted, runAt?: Date) {
  const { payload, options } = attemptJob(delivery, runAt);
  return enqueueJob(tx, DELIVER_TASK, payload, options);
}

/** The first attempts of many deliveries at once (a fan-out, a replay). */
export function enqueueAttempts(tx: Transaction, deliveries: Attempted[]) {
  return enqueueJobs(tx, DELIVER_TASK, deliveries.map((delivery) => attemptJob(delivery)));
}

async function subscribedEndpoints(tx: Transaction, organizationId: string) {
  return tx.webhookEndpoint.findMany({
    where: { organizationId, enabled: true },
    include: { apiKey: OWNER_KEY },
  });
}
type Endpoint = Awaited<ReturnType<typeof subscribedEndpoints>>[number];

/** The JSON body of one delivery (Standard Webhooks' recommended shape). */
export function bodyOf(type: DeliveredEventType, at: Date, data: unknown): string {
  return JSON.stringify({ type: wireName(type), timestamp: at.toISOString(), data });
}

interface DeliveryDraft {
  endpoint: Endpoint;
  eventType: DeliveredEventType;
  eventSeq: bigint | null;
  occurredAt: Date;
  body: string;
}

export async function createDeliveries(tx: Transaction, organizationId: string, drafts: DeliveryDraft[]): Promise<void> {
  if (!drafts.length) return;
  const deliveries = await tx.webhookDelivery.createManyAndReturn({
    data: drafts.map((draft) => ({
      organizationId,
      endpointId: draft.endpoint.id,
      eventType: draft.eventType,
      eventSeq: draft.eventSeq,
      occurredAt: draft.occurredAt,
      body: draft.body,
      nextAttemptAt: new Date(),
    })),
    skipDuplicates: true,
    select: { id: true, endpointId: true, attemptCount: true },
  });
  await enqueueAttempts(tx, deliveries);
}

/**
 * Turns the organization's logged events after its cursor into deliveries, one per subscribed endpoint
 * whose owner may see the change, in one transaction with the cursor's advance. Runs of one organization
 * wait for each other on the cursor's row; seq order is commit order, so reading after it skips nothing.
 */
export async function fanOutLoggedEvents(prisma: PrismaClient, organizationId: string): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      const [cursor] = await tx.$queryRaw<{ lastSeq: bigint }[]>`
        SELECT "lastSeq" FROM "WebhookCursor" WHERE "organizationId" = ${organizationId}::uuid FOR UPDATE`;
      if (!cursor) return; // no endpoint was ever made here
      const events = await tx.workOrderEvent.findMany({
        where: { organizationId, seq: { gt: cursor.lastSeq } },
        orderBy: { seq: 'asc' },
        take: BATCH,
      });
      if (!events.length) return;
      const endpoints = await subscribedEndpoints(tx, organizationId);
      const drafts: DeliveryDraft[] = [];
      for (const event of events) drafts.push(...(await draftsForEvent(tx, endpoints, event)));
      await createDeliveries(tx, organizationId, drafts);
      await tx.webhookCursor.update({ where: { organizationId }, data: { lastSeq: events.at(-1)!.seq } });
      if (events.length === BATCH) await enqueueFanOut(tx, organizationId);
    },
    { timeout: FAN_OUT_TIMEOUT_MS },
  );
}

async function draftsForEvent(tx: Transaction, endpoints: Endpoint[], event: WorkOrderEvent): Promise<DeliveryDraft[]> {
  const change: LoggedChange = { ...event, ...snapshotsOf(event) };
  const types = webhookEventsOf(event.type, change.after);
  const dataByViewer = new Map<string, unknown>();
  const drafts: DeliveryDraft[] = [];
  for (const endpoint of endpoints) {
    const owner = endpointOwner(endpoint);
    const subscribed = types.filter((type) => endpoint.eventTypes.includes(type));
    if (!owner || !subscribed.length || !changeVisibleTo(owner, change, 'nested')) continue;
    const data = await once(dataByViewer, owner, () => workOrderEventData(tx, owner, event));
    if (!data) continue;
    for (const type of subscribed) {
      drafts.push({ endpoint, eventType: type, eventSeq: event.seq, occurredAt: event.at, body: bodyOf(type, event.at, data) });
    }
  }
  return drafts;
}

/** Callers with the same visibility see the same data: it is loaded once per event for all of them. */
async function once<T>(cache: Map<string, T>, caller: Caller, load: () => Promise<T>): Promise<T> {
  const key = visibilityKey(caller);
  if (!cache.has(key)) cache.set(key, await load());
  return cache.get(key)!;
}

/** A customer or vehicle change becomes one delivery per subscribed endpoint whose owner may read that record. */
export async function fanOutRecordChange(prisma: PrismaClient, change: RecordChange): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const endpoints = (await subscribedEndpoints(tx, change.organizationId)).filter((endpoint) => endpoint.eventTypes.includes(change.type));
    const at = new Date(change.at);
    const dataByViewer = new Map<string, unknown>();
    const drafts: DeliveryDraft[] = [];
    for (const endpoint of endpoints) {
      const owner = endpointOwner(endpoint);
      if (!owner) continue;
      const data = await once(dataByViewer, owner, async () => {
        if (change.type.startsWith('CUSTOMER')) {
          const customer = await customerData(tx, owner, change.id);
          return customer && { customer };
        }
        const vehicle = await vehicleData(tx, owner, change.id);
        return vehicle && { vehicle };
      });
      if (data) drafts.push({ endpoint, eventType: change.type, eventSeq: null, occurredAt: at, body: bodyOf(change.type, at, data) });
    }
    await createDeliveries(tx, change.organizationId, drafts);
  });
}
