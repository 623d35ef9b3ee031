import type { Transaction } from '../db/types.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { endpointUrl, MAX_ENDPOINTS, SECRET_GRACE_MS, urlProblem, type WebhookEventType } from '../domain/webhooks.js';
import { visibleWebhookEndpoints } from '../auth/visible-rows.js';
import { endpointOwner, OWNER_KEY, type OwnedEndpoint } from '../webhooks/owner.js';
import { newWebhookSecret } from '../webhooks/signing.js';
import { enqueueAttempts } from '../webhooks/fan-out.js';
import { lockSet } from './bounded-sets.js';
import { requirePermission } from './permission.js';

interface WebhookEndpointFields {
  url: string;
  description?: string | null;
  eventTypes: WebhookEventType[];
  enabled?: boolean | null;
}

/** Whether a URL may name a private address is the server's setting (WEBHOOK_ALLOW_PRIVATE_ADDRESSES), never the client's. */
interface AddressSetting {
  allowPrivateAddresses: boolean;
}

export type WebhookEndpointInput = WebhookEndpointFields & AddressSetting;

export type WebhookEndpointChange = { id: string } & AddressSetting & { [K in keyof WebhookEndpointFields]?: WebhookEndpointFields[K] | null };

/** The endpoint, if the caller manages it; anything else answers like an ID that names nothing. */
export async function requireEndpoint(tx: Transaction, caller: Caller, id: string) {
  requirePermission(caller, 'manageWebhooks');
  const endpoint = await tx.webhookEndpoint.findFirst({ where: { id, ...visibleWebhookEndpoints(caller) }, include: { apiKey: OWNER_KEY } });
  if (!endpoint) throw new NotFoundError('Webhook endpoint', id);
  return endpoint;
}

/** The endpoints one owner (the organization's own, or one key's) has, as a where clause. */
/** An endpoint of a revoked key receives nothing again, whatever it is changed to: deleting it is all that is left. */
export function requireWorkingOwner(endpoint: OwnedEndpoint, path: string[]) {
  if (!endpointOwner(endpoint)) throw ValidationError.field(path, "The endpoint's API key is revoked: it receives nothing any more");
}

const sameOwner = (organizationId: string, apiKeyId: string | null) => ({ organizationId, apiKeyId });

/**
 * Waits for any other change to the organization's set of endpoints in flight: the checks below
 * (one endpoint per URL and owner, at most MAX_ENDPOINTS) then hold at commit.
 */
const lockEndpointSet = (tx: Transaction, organizationId: string) => lockSet(tx, organizationId, 'webhook-endpoints');

/** The URL's own rules (domain/webhooks.ts `urlProblem`), as a ValidationError on `input.url`. */
function requireUsableUrl(url: string, { allowPrivateAddresses }: AddressSetting) {
  const problem = urlProblem(url, allowPrivateAddresses);
  if (problem) throw ValidationError.field(['input', 'url'], problem);
}

/**
 * Refuses a URL (as endpointUrl writes it) that the owner already has, in any spelling: an endpoint made
 * before URLs were kept that way is compared as endpointUrl writes it too.
 */
async function requireFreeUrl(tx: Transaction, owner: { organizationId: string; apiKeyId: string | null }, url: string, except?: string) {
  const others = await tx.webhookEndpoint.findMany({ where: { ...sameOwner(owner.organizationId, owner.apiKeyId), NOT: except ? { id: except } : undefined }, select: { url: true } });
  if (others.some((other) => endpointUrl(other.url) === url)) throw ValidationError.field(['input', 'url'], 'An endpoint with this URL already exists: edit that one');
}

/**
 * Makes an endpoint owned by the caller's organization (an admin) or by the calling key. It receives
 * events committed from now on: the organization's fan-out cursor starts at its latest event.
 */
export async function createWebhookEndpoint(tx: Transaction, caller: Caller, input: WebhookEndpointInput) {
  requirePermission(caller, 'manageWebhooks');
  requireUsableUrl(input.url, input);
  const owner = { organizationId: caller.organizationId, apiKeyId: caller.kind === 'apiKey' ? caller.apiKeyId : null };
  const url = endpointUrl(input.url);
  await lockEndpointSet(tx, caller.organizationId);
  await requireFreeUrl(tx, owner, url);
  if ((await tx.webhookEndpoint.count({ where: { organizationId: caller.organizationId } })) >= MAX_ENDPOINTS) {
    throw ValidationError.field(['input'], `An organization has at most ${MAX_ENDPOINTS} webhook endpoints: delete one first`);
  }
  const secret = newWebhookSecret();
  await tx.$executeRaw`
    INSERT INTO "WebhookCursor" ("organizationId", "lastSeq")
    SELECT ${caller.organizationId}::uuid, COALESCE(MAX("seq"), 0) FROM "WorkOrderEvent" WHERE "organizationId" = ${caller.organizationId}::uuid
    ON CONFLICT DO NOTHING`;
  const endpoint = await tx.webhookEndpoint.create({
    data: {
      organizationId: caller.organizationId,
      apiKeyId: owner.apiKeyId,
      url,
      description: input.description ?? '',
      eventTypes: [...new Set(input.eventTypes)],
      enabled: input.enabled ?? true,
      disabledAt: input.enabled === false ? new Date() : null,
      secret,
    },
  });
  return { endpoint, secret };
}

/** Edits an endpoint; enabling it clears why it was disabled and sends the deliveries that waited. */
export async function updateWebhookEndpoint(tx: Transaction, caller: Caller, input: WebhookEndpointChange) {
  const current = await requireEndpoint(tx, caller, input.id);
  requireWorkingOwner(current, ['input', 'id']);
  if (input.url != null) requireUsableUrl(input.url, input);
  const url = input.url == null ? undefined : endpointUrl(input.url);
  if (url !== undefined && url !== current.url) {
    await lockEndpointSet(tx, current.organizationId);
    await requireFreeUrl(tx, current, url, current.id);
  }
  const enabling = input.enabled === true && !current.enabled;
  const disabling = input.enabled === false && current.enabled;
  const endpoint = await tx.webhookEndpoint.update({
    where: { id: current.id },
    data: {
      url,
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
}

export async function deleteWebhookEndpoint(tx: Transaction, caller: Caller, { id }: { id: string }) {
  const endpoint = await requireEndpoint(tx, caller, id);
  return tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
}

/**
 * A new secret, returned this once. The one it replaces still signs every delivery, beside the new one,
 * for SECRET_GRACE_MS, so receivers can switch without losing a delivery.
 */
export async function rotateWebhookSecret(tx: Transaction, caller: Caller, { id }: { id: string }) {
  const current = await requireEndpoint(tx, caller, id);
  requireWorkingOwner(current, ['input', 'id']);
  const secret = newWebhookSecret();
  const endpoint = await tx.webhookEndpoint.update({
    where: { id: current.id },
    data: { secret, previousSecret: current.secret, previousSecretUntil: new Date(Date.now() + SECRET_GRACE_MS) },
  });
  return { endpoint, secret };
}
