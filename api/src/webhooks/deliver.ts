import type { PrismaClient } from '../generated/prisma/client.js';
import { nextAttemptAt, outcomeOf, RETRY_AFTER_STATUSES, retryAfterMs } from '../domain/webhooks.js';
import { enqueueAttempt, type AttemptJob } from './fan-out.js';
import { endpointOwner, OWNER_KEY } from './owner.js';
import { post, type DeliveryAgents } from './post.js';
import { signedHeaders, signingSecrets, webhookIdOf } from './signing.js';

export interface DeliveryServices {
  prisma: PrismaClient;
  agents: DeliveryAgents;
  timeoutMs: number;
}


/**
 * One attempt of one delivery, then its consequence in one transaction: the attempt logged, and the
 * delivery done, retried at its next time (a new job at that time, not the queue's own backoff), or
 * failed. 410 disables the endpoint; failing the whole schedule disables it too, which its admins see.
 */
export async function attemptDelivery(services: DeliveryServices, job: AttemptJob): Promise<void> {
  const { prisma } = services;
  const delivery = await prisma.webhookDelivery.findUnique({
    where: { id: job.deliveryId },
    include: { endpoint: { include: { apiKey: OWNER_KEY } } },
  });
  if (!delivery || delivery.status !== 'PENDING' || delivery.attemptCount !== job.attempt - 1) return;
  const { endpoint } = delivery;
  if (!endpointOwner(endpoint)) {
    // The endpoint's key was revoked after this was made: it receives nothing any more, a retry or a replay neither.
    await prisma.webhookDelivery.updateMany({ where: { id: delivery.id, attemptCount: delivery.attemptCount }, data: { nextAttemptAt: null } });
    return;
  }
  if (!endpoint.enabled) {
    // Paused: enabling the endpoint again sends what waits.
    await prisma.webhookDelivery.updateMany({ where: { id: delivery.id, attemptCount: delivery.attemptCount }, data: { nextAttemptAt: null } });
    return;
  }

  const startedAt = new Date();
  const headers = signedHeaders(webhookIdOf(delivery.id), delivery.body, signingSecrets(endpoint, startedAt), startedAt);
  const result = await post(endpoint.url, headers, delivery.body, services);
  const outcome = outcomeOf(result.statusCode);
  const now = new Date();
  const failures = delivery.failuresInSchedule + 1;
  const retryAfter = result.statusCode !== null && RETRY_AFTER_STATUSES.includes(result.statusCode) ? retryAfterMs(result.retryAfter, now) : null;
  const next = outcome === 'retry' ? nextAttemptAt(failures, delivery.scheduleStartedAt, now, Math.random(), retryAfter) : null;

  await prisma.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        organizationId: delivery.organizationId,
        endpointId: endpoint.id,
        deliveryId: delivery.id,
        startedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        responseExcerpt: result.responseExcerpt,
        error: result.error,
        succeeded: outcome === 'succeeded',
      },
    });
    // A replay meanwhile started a new schedule (and its own job): this attempt is logged, and the replay stands.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, attemptCount: delivery.attemptCount, status: 'PENDING', scheduleStartedAt: delivery.scheduleStartedAt },
      data: {
        attemptCount: { increment: 1 },
        status: outcome === 'succeeded' ? 'SUCCEEDED' : outcome === 'retry' && !next ? 'FAILED' : 'PENDING',
        failuresInSchedule: outcome === 'succeeded' ? delivery.failuresInSchedule : failures,
        nextAttemptAt: next,
      },
    });
    if (count === 0) return;
    if (next) await enqueueAttempt(tx, { ...delivery, attemptCount: delivery.attemptCount + 1 }, next);
    if (outcome === 'gone' || (outcome === 'retry' && !next)) {
      await tx.webhookEndpoint.updateMany({
        where: { id: endpoint.id, enabled: true },
        data: { enabled: false, disabledReason: outcome === 'gone' ? 'GONE' : 'FAILING', disabledAt: now },
      });
    }
  });
}
