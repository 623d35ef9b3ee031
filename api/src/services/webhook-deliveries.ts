import type { PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { webhookEndpointScope } from '../auth/scopes.js';
import { bodyOf, enqueueAttempt, enqueueAttempts } from '../webhooks/fan-out.js';
import { requireEndpoint } from './webhook-endpoints.js';

/** The most deliveries one replay re-sends; a longer stretch is replayed in parts. */
export const MAX_REPLAY = 10_000;

const restart = () => ({ status: 'PENDING' as const, scheduleStartedAt: new Date(), failuresInSchedule: 0, nextAttemptAt: new Date() });

function requireEnabled(endpoint: { enabled: boolean }, path: string[]) {
  if (!endpoint.enabled) throw ValidationError.field(path, 'The endpoint is disabled: enable it first');
}

/** Sends one delivery again, with the same webhook-id and body, on a fresh retry schedule. */
export async function replayWebhookDelivery(prisma: PrismaClient, caller: Caller, id: string) {
  const delivery = await prisma.webhookDelivery.findFirst({ where: { id, endpoint: webhookEndpointScope(caller) }, include: { endpoint: true } });
  if (!delivery) throw new NotFoundError('Webhook delivery', id);
  requireEnabled(delivery.endpoint, ['input', 'id']);
  return prisma.$transaction(async (tx) => {
    const replayed = await tx.webhookDelivery.update({ where: { id: delivery.id }, data: restart() });
    await enqueueAttempt(tx, replayed);
    return replayed;
  });
}

/** Sends again every delivery of the endpoint made since `since`, succeeded or not. */
export async function replayWebhookDeliveries(prisma: PrismaClient, caller: Caller, input: { endpointId: string; since: Date }): Promise<number> {
  const endpoint = await requireEndpoint(prisma, caller, input.endpointId);
  requireEnabled(endpoint, ['input', 'webhookEndpointId']);
  const where = { endpointId: endpoint.id, createdAt: { gte: input.since } };
  if ((await prisma.webhookDelivery.count({ where })) > MAX_REPLAY) {
    throw ValidationError.field(['input', 'since'], `More than ${MAX_REPLAY} deliveries since then: choose a later time`);
  }
  return prisma.$transaction(
    async (tx) => {
      const replayed = await tx.webhookDelivery.updateManyAndReturn({ where, data: restart(), select: { id: true, endpointId: true, attemptCount: true } });
      await enqueueAttempts(tx, replayed);
      return replayed.length;
    },
    { timeout: 60_000 },
  );
}

/** "Send a test event": a `webhook.test` delivery, whatever the endpoint subscribes to. */
export async function sendTestWebhook(prisma: PrismaClient, caller: Caller, endpointId: string) {
  const endpoint = await requireEndpoint(prisma, caller, endpointId);
  requireEnabled(endpoint, ['input', 'webhookEndpointId']);
  const at = new Date();
  return prisma.$transaction(async (tx) => {
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
  });
}
