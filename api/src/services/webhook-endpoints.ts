import type { PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import { can } from '../domain/permissions.js';
import { SECRET_GRACE_MS, type WebhookEventType } from '../domain/webhooks.js';
import { webhookEndpointScope } from '../auth/scopes.js';
import { newWebhookSecret } from '../webhooks/signing.js';
import { enqueueAttempts } from '../webhooks/fan-out.js';

export interface WebhookEndpointInput {
  url: string;
  description?: string | null;
  eventTypes: WebhookEventType[];
  enabled?: boolean | null;
}

function requireManage(caller: Caller) {
  if (!can(caller, 'manageWebhooks')) throw new ForbiddenError('Only admins and keys with the WEBHOOKS scope manage webhooks');
}

/** The endpoint, if the caller manages it; anything else answers like an ID that names nothing. */
export async function requireEndpoint(prisma: PrismaClient, caller: Caller, id: string) {
  requireManage(caller);
  const endpoint = await prisma.webhookEndpoint.findFirst({ where: { id, ...webhookEndpointScope(caller) } });
  if (!endpoint) throw new NotFoundError('Webhook endpoint', id);
  return endpoint;
}

/**
 * Makes an endpoint owned by the caller's organization (an admin) or by the calling key. It receives
 * events committed from now on: the organization's fan-out cursor starts at its latest event.
 */
export async function createWebhookEndpoint(prisma: PrismaClient, caller: Caller, input: WebhookEndpointInput) {
  requireManage(caller);
  const secret = newWebhookSecret();
  const endpoint = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "WebhookCursor" ("organizationId", "lastSeq")
      SELECT ${caller.organizationId}::uuid, COALESCE(MAX("seq"), 0) FROM "WorkOrderEvent" WHERE "organizationId" = ${caller.organizationId}::uuid
      ON CONFLICT DO NOTHING`;
    return tx.webhookEndpoint.create({
      data: {
        organizationId: caller.organizationId,
        apiKeyId: caller.kind === 'apiKey' ? caller.apiKeyId : null,
        url: input.url,
        description: input.description ?? '',
        eventTypes: [...new Set(input.eventTypes)],
        enabled: input.enabled ?? true,
        disabledAt: input.enabled === false ? new Date() : null,
        secret,
      },
    });
  });
  return { endpoint, secret };
}

/** Edits an endpoint; enabling it clears why it was disabled and sends the deliveries that waited. */
export async function updateWebhookEndpoint(
  prisma: PrismaClient,
  caller: Caller,
  input: { id: string } & { [K in keyof WebhookEndpointInput]?: WebhookEndpointInput[K] | null },
) {
  const current = await requireEndpoint(prisma, caller, input.id);
  const enabling = input.enabled === true && !current.enabled;
  const disabling = input.enabled === false && current.enabled;
  return prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        url: input.url ?? undefined,
        description: input.description ?? undefined,
        eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : undefined,
        enabled: input.enabled ?? undefined,
        ...(enabling ? { disabledReason: null, disabledAt: null } : {}),
        ...(disabling ? { disabledReason: null, disabledAt: new Date() } : {}),
      },
    });
    if (enabling) {
      const waiting = await tx.webhookDelivery.updateManyAndReturn({
        where: { endpointId: endpoint.id, status: 'PENDING' },
        data: { scheduleStartedAt: new Date(), failuresInSchedule: 0, nextAttemptAt: new Date() },
        select: { id: true, endpointId: true, attemptCount: true },
      });
      await enqueueAttempts(tx, waiting);
    }
    return endpoint;
  });
}

export async function deleteWebhookEndpoint(prisma: PrismaClient, caller: Caller, id: string) {
  const endpoint = await requireEndpoint(prisma, caller, id);
  return prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
}

/**
 * A new secret, returned this once. The one it replaces still signs every delivery, beside the new one,
 * for SECRET_GRACE_MS, so receivers can switch without losing a delivery.
 */
export async function rotateWebhookSecret(prisma: PrismaClient, caller: Caller, id: string) {
  const current = await requireEndpoint(prisma, caller, id);
  const secret = newWebhookSecret();
  const endpoint = await prisma.webhookEndpoint.update({
    where: { id: current.id },
    data: { secret, previousSecret: current.secret, previousSecretUntil: new Date(Date.now() + SECRET_GRACE_MS) },
  });
  return { endpoint, secret };
}
