import type { WebhookDelivery } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError, ThrottledError, ValidationError } from '../domain/errors.js';
import type { LeakyBucket } from '../limits/bucket.js';
import { visibleWebhookEndpoints } from '../auth/visible-rows.js';
import { bodyOf, enqueueAttempt, enqueueAttempts } from '../webhooks/fan-out.js';
import { OWNER_KEY, type OwnedEndpoint } from '../webhooks/owner.js';
import { requirePermission } from './permission.js';
import type { Command } from './command.js';
import { requireEndpoint, requireWorkingOwner } from './webhook-endpoints.js';

/** The most deliveries one replay re-sends; a longer stretch is replayed in parts. */
export const MAX_REPLAY = 10_000;

const restart = () => ({ status: 'PENDING' as const, scheduleStartedAt: new Date(), failuresInSchedule: 0, nextAttemptAt: new Date() });

function requireSending(endpoint: OwnedEndpoint & { enabled: boolean }, path: string[]) {
  if (!endpoint.enabled) throw ValidationError.field(path, 'The endpoint is disabled: enable it first');
  requireWorkingOwner(endpoint, path);
}

/** Sends one delivery again, with the same webhook-id and body, on a fresh retry schedule. */
export async function replayWebhookDelivery(tx: Transaction, caller: Caller, { id }: { id: string }) {
  requirePermission(caller, 'manageWebhooks');
  const delivery = await tx.webhookDelivery.findFirst({ where: { id, endpoint: visibleWebhookEndpoints(caller) }, include: { endpoint: { include: { apiKey: OWNER_KEY } } } });
  if (!delivery) throw new NotFoundError('Webhook delivery', id);
  requireSending(delivery.endpoint, ['input', 'id']);
  const replayed = await tx.webhookDelivery.update({ where: { id: delivery.id }, data: restart() });
  await enqueueAttempt(tx, replayed);
  return replayed;
}

/**
 * Sends again every delivery of the endpoint made since `since`, succeeded or not. The rows are locked in
 * id order first, so replays that meet on the same deliveries wait for each other instead of deadlocking.
 */
export async function replayWebhookDeliveries(tx: Transaction, caller: Caller, input: { endpointId: string; since: Date }): Promise<number> {
  const endpoint = await requireEndpoint(tx, caller, input.endpointId);
  requireSending(endpoint, ['input', 'webhookEndpointId']);
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "WebhookDelivery" WHERE "endpointId" = ${endpoint.id}::uuid AND "createdAt" >= ${input.since}
    ORDER BY id LIMIT ${MAX_REPLAY + 1} FOR UPDATE`;
  if (locked.length > MAX_REPLAY) {
    throw ValidationError.field(['input', 'since'], `More than ${MAX_REPLAY} deliveries since then: choose a later time`);
  }
  const replayed = await tx.webhookDelivery.updateManyAndReturn({
    where: { id: { in: locked.map(({ id }) => id) } },
    data: restart(),
    select: { id: true, endpointId: true, attemptCount: true },
  });
  await enqueueAttempts(tx, replayed);
  return replayed.length;
}

/**
 * "Send a test event": a `webhook.test` delivery, whatever the endpoint subscribes to. Each costs a point of
 * the endpoint's bucket (limits/policy.ts TEST_WEBHOOK_SENDS), taken once the endpoint is known to be the
 * caller's, so nobody drains another's; an empty bucket is a ThrottledError saying when the next point is there.
 */
export function sendTestWebhook(testSends: LeakyBucket): Command<{ endpointId: string }, WebhookDelivery> {
  return async (tx, caller, { endpointId }) => {
    const endpoint = await requireEndpoint(tx, caller, endpointId);
    requireSending(endpoint, ['input', 'webhookEndpointId']);
    const taken = await testSends.take(endpoint.id, 1);
    if (!taken.allowed) {
      const retryAfterMs = Math.ceil(((1 - taken.currentlyAvailable) / testSends.shape.restoreRatePerSecond) * 1000);
      throw new ThrottledError(`At most ${testSends.shape.maximumAvailable} test events to one endpoint in a short time; wait and send again`, retryAfterMs);
    }
    const at = new Date();
    const delivery = await tx.webhookDelivery.create({
      data: {
        organizationId: endpoint.organizationId,
        endpointId: endpoint.id,
        eventType: 'TEST',
        occurredAt: at,
        body: bodyOf('TEST', at, { message: 'A test event from Dispatch', requestedBy: caller.name }),
        nextAttemptAt: at,
      },
    });
    await enqueueAttempt(tx, delivery);
    return delivery;
  };
}
