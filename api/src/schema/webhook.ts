import { z } from 'zod';
import { optionalText } from './fields.js';
import { MAX_CHARACTERS } from '../domain/text-limits.js';
import { MAX_ENDPOINTS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhooks.js';
import { visibleWebhookEndpoints } from '../auth/visible-rows.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../services/webhook-endpoints.js';
import { replayWebhookDeliveries, replayWebhookDelivery, sendTestWebhook } from '../services/webhook-deliveries.js';
import { webhookIdOf } from '../webhooks/signing.js';
import { ForbiddenError, NotFoundError, ThrottledError, ValidationError } from '../domain/errors.js';
import { runCommand } from '../services/command.js';
import { builder } from './builder.js';
import { run } from './commands.js';
import { connectionType, keysetConnection } from './connection.js';
import { callerOf } from '../context.js';
import { resultOf } from './errors.js';
import { globalIdOf, safeRowId } from './ids.js';
import { LIST_BOUND } from '../limits/cost.js';

const EVENT_DESCRIPTIONS: Record<WebhookEventType | 'TEST', string> = {
  WORK_ORDER_CREATED: 'A work order was booked (work_order.created)',
  WORK_ORDER_UPDATED: 'A field of a work order other than its window, technician or status changed (work_order.updated)',
  WORK_ORDER_RESCHEDULED: 'A work order’s window moved (work_order.rescheduled)',
  WORK_ORDER_REASSIGNED: 'A work order’s technician changed (work_order.reassigned)',
  WORK_ORDER_STATUS_CHANGED: 'A work order’s status moved (work_order.status_changed)',
  WORK_ORDER_CANCELED: 'A work order was canceled (work_order.canceled)',
  WORK_ORDER_COMPLETED: 'A work order was completed (work_order.completed)',
  INVOICE_CREATED: 'An invoice was made for a completed work order (invoice.created)',
  CUSTOMER_CREATED: 'A customer was added (customer.created)',
  CUSTOMER_UPDATED: 'A customer was edited (customer.updated)',
  VEHICLE_CREATED: 'A vehicle was added (vehicle.created)',
  VEHICLE_UPDATED: 'A vehicle was edited (vehicle.updated)',
  TEST: 'A test event, sent only by sendTestWebhook (webhook.test)',
};

export const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'What an endpoint subscribes to; TEST is only sent by sendTestWebhook',
  values: Object.fromEntries(([...WEBHOOK_EVENT_TYPES, 'TEST'] as const).map((type) => [type, { description: EVENT_DESCRIPTIONS[type] }])) as Record<WebhookEventType | 'TEST', { description: string }>,
});
const WebhookDisabledReasonEnum = builder.enumType('WebhookDisabledReason', {
  description: 'Why the product disabled an endpoint (null when a person did)',
  values: { GONE: { description: 'The receiver answered 410 Gone' }, FAILING: { description: 'A delivery failed for its whole retry schedule (about three days)' } },
});
const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a delivery stands',
  values: {
    PENDING: { description: 'Not yet answered with a 2xx: an attempt is due (or waits for the endpoint to be enabled)' },
    SUCCEEDED: { description: 'An attempt was answered with a 2xx' },
    FAILED: { description: 'Every attempt of its retry schedule failed' },
  } as const,
});

/** Newest first. */
const attemptPages = keysetConnection('WebhookEndpoint.attempts', [
  { field: 'startedAt', direction: 'desc', kind: 'timestamp' },
  { field: 'id', direction: 'desc', kind: 'text' },
]);
const deliveryPages = keysetConnection('WebhookEndpoint.deliveries', [
  { field: 'createdAt', direction: 'desc', kind: 'timestamp' },
  { field: 'id', direction: 'desc', kind: 'text' },
]);

// Deliveries and attempts are read only through their endpoint (not through node): their IDs are global
// IDs all the same, so that an ID means one thing in every input.
const WebhookAttemptRef = builder.prismaObject('WebhookAttempt', {
  description: 'One POST of a delivery and its answer',
  fields: (t) => ({
    id: t.globalID({ description: 'A WebhookAttempt ID', resolve: (attempt) => ({ type: 'WebhookAttempt', id: attempt.id }) }),
    startedAt: t.expose('startedAt', { type: 'DateTime', description: 'When the POST began' }),
    durationMs: t.exposeInt('durationMs', { description: 'How long it took, in milliseconds, until the answer or the failure' }),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'Null when no answer came (refused, timed out, not allowed)' }),
    responseExcerpt: t.exposeString('responseExcerpt', { nullable: true, description: 'The first 1,000 characters of the answer' }),
    error: t.exposeString('error', { nullable: true, description: 'Why no usable answer came (refused address, timeout, connection error); null when one did' }),
    succeeded: t.exposeBoolean('succeeded', { description: 'Answered with a 2xx' }),
    delivery: t.relation('delivery', { description: 'The delivery this attempt belongs to' }),
  }),
});

const WebhookDeliveryRef = builder.prismaObject('WebhookDelivery', {
  description: 'One event for one endpoint',
  fields: (t) => ({
    id: t.globalID({ description: 'A WebhookDelivery ID', resolve: (delivery) => ({ type: 'WebhookDelivery', id: delivery.id }) }),
    webhookId: t.string({ description: 'The webhook-id header: the same on every attempt and replay', resolve: (d) => webhookIdOf(d.id) }),
    eventType: t.expose('eventType', { type: WebhookEventTypeEnum, description: 'What happened' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When it happened' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the delivery was made for this endpoint' }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum, description: 'Where it stands' }),
    attemptCount: t.exposeInt('attemptCount', { description: 'POSTs made so far, replays included' }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true, description: 'When the next attempt is due; null when none is' }),
    body: t.exposeString('body', { description: 'The JSON sent' }),
    attempts: t.relation('attempts', { query: { orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: 20 }, description: 'The last 20' }),
  }),
});

const WebhookAttemptConnectionRef = connectionType(WebhookAttemptRef, 'WebhookAttempt', 'attempts');
const WebhookDeliveryConnectionRef = connectionType(WebhookDeliveryRef, 'WebhookDelivery', 'deliveries');

const WebhookEndpointRef = builder.prismaNode('WebhookEndpoint', {
  description: 'A URL that receives the organization’s events as signed POSTs (Standard Webhooks)',
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, context) => ({ id: safeRowId(id), AND: [visibleWebhookEndpoints(callerOf(context))] }),
  fields: (t) => ({
    url: t.exposeString('url', { description: 'Where deliveries are POSTed (https, or http for development)' }),
    description: t.exposeString('description', { description: 'What it is for, as its maker wrote it (may be empty)' }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'The events it receives', resolve: (endpoint) => endpoint.eventTypes }),
    enabled: t.exposeBoolean('enabled', { description: 'Whether deliveries are sent; a disabled endpoint keeps its deliveries pending' }),
    disabledReason: t.expose('disabledReason', { type: WebhookDisabledReasonEnum, nullable: true, description: 'Why the product disabled it; null when enabled or disabled by a person' }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true, description: 'When it was disabled; null while enabled' }),
    previousSecretUntil: t.expose('previousSecretUntil', {
      type: 'DateTime',
      nullable: true,
      description: 'Until then deliveries also carry a signature with the secret before the last rotation',
    }),
    apiKey: t.relation('apiKey', { nullable: true, description: 'The key that owns the endpoint; null for the organization’s own' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was made' }),
    attempts: t.connection(
      {
        type: WebhookAttemptRef,
        nullable: true,
        description: 'The delivery log, newest first',
        resolve: (endpoint, args, context, info) =>
          attemptPages.resolve(
            { args, context, info, listArgs: { endpointId: endpoint.id }, where: { endpointId: endpoint.id, organizationId: endpoint.organizationId } },
            { findMany: (query) => context.prisma.webhookAttempt.findMany(query), count: (where) => context.prisma.webhookAttempt.count({ where }) },
          ),
      },
      WebhookAttemptConnectionRef,
    ),
    deliveries: t.connection(
      {
        type: WebhookDeliveryRef,
        nullable: true,
        description: 'Its deliveries, newest first',
        resolve: (endpoint, args, context, info) =>
          deliveryPages.resolve(
            { args, context, info, listArgs: { endpointId: endpoint.id }, where: { endpointId: endpoint.id, organizationId: endpoint.organizationId } },
            { findMany: (query) => context.prisma.webhookDelivery.findMany(query), count: (where) => context.prisma.webhookDelivery.count({ where }) },
          ),
      },
      WebhookDeliveryConnectionRef,
    ),
  }),
});

const CreatedWebhookEndpointRef = builder
  .objectRef<{ endpoint: { id: string }; secret: string }>('CreatedWebhookEndpoint')
  .implement({
    description: 'An endpoint with its new secret',
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, description: 'The endpoint', resolve: (created) => created.endpoint as never }),
      secret: t.exposeString('secret', { description: 'Shown this once: verify each delivery with it (Standard Webhooks)' }),
    }),
  });

// Its rules (domain/webhooks.ts urlProblem) depend on the server's setting: the commands check them.
const url = z.string().trim();
const description = optionalText(MAX_CHARACTERS.webhookDescription);
// TEST is refused here, so the cast to WebhookEventType in the resolvers below holds.
const eventTypes = z
  .array(z.string())
  .min(1, 'Choose at least one event')
  .refine((types) => !types.includes('TEST'), 'TEST is not subscribed to: use sendTestWebhook');

const endpointId = (description: string) => ({ required: true, description, validate: globalIdOf('WebhookEndpoint') }) as const;

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  description: 'A new webhook endpoint',
  fields: (t) => ({
    url: t.string({ required: true, description: 'An https URL (http for development) that is not a private address', validate: url }),
    description: t.string({ description: `What it is for, at most ${MAX_CHARACTERS.webhookDescription} characters`, validate: description }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], required: true, description: 'At least one event, not TEST', validate: eventTypes }),
    enabled: t.boolean({ description: 'Whether it receives deliveries at once; true when omitted' }),
  }),
});
const UpdateWebhookEndpointInput = builder.inputType('UpdateWebhookEndpointInput', {
  description: 'The fields to change of an endpoint; omitted or null ones stay',
  fields: (t) => ({
    id: t.id(endpointId('A WebhookEndpoint ID')),
    url: t.string({ description: 'A new URL', validate: url.nullish() }),
    description: t.string({ description: `A new description, at most ${MAX_CHARACTERS.webhookDescription} characters`, validate: description }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], description: 'The events it receives from now on', validate: eventTypes.nullish() }),
    enabled: t.boolean({ description: 'Enable (the deliveries that waited are sent) or disable it' }),
  }),
});
const WebhookEndpointIdInput = builder.inputType('WebhookEndpointIdInput', {
  description: 'One endpoint',
  fields: (t) => ({ id: t.id(endpointId('A WebhookEndpoint ID')) }),
});
const ReplayWebhookDeliveryInput = builder.inputType('ReplayWebhookDeliveryInput', {
  description: 'The delivery to send again',
  fields: (t) => ({ id: t.id({ required: true, description: 'A WebhookDelivery ID', validate: globalIdOf('WebhookDelivery') }) }),
});
const ReplayWebhookDeliveriesInput = builder.inputType('ReplayWebhookDeliveriesInput', {
  description: 'The deliveries of one endpoint since a time',
  fields: (t) => ({
    webhookEndpointId: t.id(endpointId('A WebhookEndpoint ID')),
    since: t.field({ type: 'DateTime', required: true, description: 'Every delivery made at or after this time is sent again' }),
  }),
});
const SendTestWebhookInput = builder.inputType('SendTestWebhookInput', {
  description: 'The endpoint to send a test event to',
  fields: (t) => ({ webhookEndpointId: t.id(endpointId('A WebhookEndpoint ID')) }),
});

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaField({
    type: ['WebhookEndpoint'],
    authScopes: { reads: 'WebhookEndpoint' },
    description: 'An admin sees all of the organization’s endpoints, an API key those it made; oldest first',
    extensions: { [LIST_BOUND]: (args: { id?: unknown }) => (args.id == null ? MAX_ENDPOINTS : 1) },
    args: { id: t.arg.id({ description: 'Only this endpoint (none when it is not one of them)', validate: globalIdOf('WebhookEndpoint').nullish() }) },
    resolve: (query, _root, { id }, context) =>
      context.prisma.webhookEndpoint.findMany({
        ...query,
        where: { ...visibleWebhookEndpoints(callerOf(context)), ...(id == null ? {} : { id: safeRowId(String(id)) }) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
  }),
}));

const manage = { authScopes: { can: 'manageWebhooks' as const } };
const ALL_ERRORS = [ValidationError, NotFoundError, ForbiddenError];
/** Replaying many deliveries updates them all in one transaction. */
const REPLAY_TIMEOUT_MS = 60_000;

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    ...manage,
    type: CreatedWebhookEndpointRef,
    description: 'Makes a webhook endpoint (admins and WEBHOOKS keys); its secret is in this answer only',
    errors: resultOf('createWebhookEndpoint', [ValidationError, ForbiddenError], { name: 'created', description: 'The endpoint and its secret' }),
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true, description: 'The new endpoint' }) },
    resolve: (_root, { input }, context) =>
      run(context, createWebhookEndpoint, { ...input, eventTypes: input.eventTypes as WebhookEventType[], allowPrivateAddresses: context.webhookSettings.allowPrivateAddresses }),
  }),
  updateWebhookEndpoint: t.field({
    ...manage,
    type: WebhookEndpointRef,
    description: 'Edits an endpoint; enabling it sends the deliveries that waited',
    errors: resultOf('updateWebhookEndpoint', ALL_ERRORS, { name: 'endpoint', description: 'The endpoint as it is now' }),
    args: { input: t.arg({ type: UpdateWebhookEndpointInput, required: true, description: 'The changes' }) },
    resolve: (_root, { input }, context) =>
      run(context, updateWebhookEndpoint, {
        ...input,
        id: String(input.id),
        eventTypes: input.eventTypes as WebhookEventType[] | null,
        allowPrivateAddresses: context.webhookSettings.allowPrivateAddresses,
      }),
  }),
  deleteWebhookEndpoint: t.field({
    ...manage,
    type: WebhookEndpointRef,
    description: 'Deletes the endpoint with its deliveries and their log; returns it as it was',
    errors: resultOf('deleteWebhookEndpoint', ALL_ERRORS, { name: 'endpoint', description: 'The endpoint as it was' }),
    args: { input: t.arg({ type: WebhookEndpointIdInput, required: true, description: 'The endpoint' }) },
    resolve: (_root, { input }, context) => run(context, deleteWebhookEndpoint, { id: String(input.id) }),
  }),
  rotateWebhookSecret: t.field({
    ...manage,
    type: CreatedWebhookEndpointRef,
    description: 'A new signing secret, in this answer only; the old one also signs for 24 hours more',
    errors: resultOf('rotateWebhookSecret', ALL_ERRORS, { name: 'rotated', description: 'The endpoint and its new secret' }),
    args: { input: t.arg({ type: WebhookEndpointIdInput, required: true, description: 'The endpoint' }) },
    resolve: (_root, { input }, context) => run(context, rotateWebhookSecret, { id: String(input.id) }),
  }),
  replayWebhookDelivery: t.field({
    ...manage,
    type: WebhookDeliveryRef,
    description: 'Sends a delivery again, with the same webhook-id and body, on a fresh retry schedule',
    errors: resultOf('replayWebhookDelivery', ALL_ERRORS, { name: 'delivery', description: 'The delivery, pending again' }),
    args: { input: t.arg({ type: ReplayWebhookDeliveryInput, required: true, description: 'The delivery' }) },
    resolve: (_root, { input }, context) => run(context, replayWebhookDelivery, { id: String(input.id) }),
  }),
  replayWebhookDeliveries: t.field({
    ...manage,
    type: 'Int',
    description: 'Sends again every delivery of an endpoint since a time (at most 10,000 at once)',
    errors: resultOf('replayWebhookDeliveries', ALL_ERRORS, { name: 'replayedCount', description: 'How many deliveries will be sent again' }),
    args: { input: t.arg({ type: ReplayWebhookDeliveriesInput, required: true, description: 'The endpoint and the time' }) },
    resolve: (_root, { input }, context) =>
      runCommand(context, callerOf(context), replayWebhookDeliveries, { endpointId: String(input.webhookEndpointId), since: input.since }, { timeoutMs: REPLAY_TIMEOUT_MS }),
  }),
  sendTestWebhook: t.field({
    ...manage,
    type: WebhookDeliveryRef,
    description: 'Sends a webhook.test event to the endpoint, whatever it subscribes to; at most 5 at once per endpoint, then one every 12 seconds (ThrottledError)',
    errors: resultOf('sendTestWebhook', [...ALL_ERRORS, ThrottledError], { name: 'delivery', description: 'The test delivery' }),
    args: { input: t.arg({ type: SendTestWebhookInput, required: true, description: 'The endpoint' }) },
    resolve: (_root, { input }, context) =>
      run(context, sendTestWebhook(context.buckets.testWebhooks), { endpointId: String(input.webhookEndpointId) }),
  }),
}));
