import { z } from 'zod';
import { urlProblem, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhooks.js';
import { webhookEndpointScope } from '../auth/scopes.js';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../services/webhook-endpoints.js';
import { replayWebhookDeliveries, replayWebhookDelivery, sendTestWebhook } from '../services/webhook-deliveries.js';
import { webhookIdOf } from '../webhooks/signing.js';
import { builder } from './builder.js';
import { keysetConnection } from './connection.js';
import { callerOf } from '../context.js';
import { COMMON_ERRORS } from './errors.js';
import { rowUuid, safeRowId } from './ids.js';

export const WebhookEventTypeEnum = builder.enumType('WebhookEventType', {
  description: 'What an endpoint subscribes to; TEST is only sent by sendTestWebhook',
  values: [...WEBHOOK_EVENT_TYPES, 'TEST'] as const,
});
const WebhookDisabledReasonEnum = builder.enumType('WebhookDisabledReason', {
  description: 'Why the product disabled an endpoint (null when a person did)',
  values: { GONE: { description: 'The receiver answered 410 Gone' }, FAILING: { description: 'A delivery failed for its whole retry schedule (about three days)' } },
});
const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', { values: ['PENDING', 'SUCCEEDED', 'FAILED'] as const });

/** Newest first. */
const attemptPages = keysetConnection('WebhookEndpoint.attempts', [
  { field: 'startedAt', direction: 'desc', kind: 'timestamp' },
  { field: 'id', direction: 'desc', kind: 'text' },
]);
const deliveryPages = keysetConnection('WebhookEndpoint.deliveries', [
  { field: 'createdAt', direction: 'desc', kind: 'timestamp' },
  { field: 'id', direction: 'desc', kind: 'text' },
]);

const WebhookAttemptRef = builder.prismaObject('WebhookAttempt', {
  description: 'One POST of a delivery and its answer',
  fields: (t) => ({
    id: t.exposeID('id'),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    durationMs: t.exposeInt('durationMs'),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'Null when no answer came (refused, timed out, not allowed)' }),
    responseExcerpt: t.exposeString('responseExcerpt', { nullable: true, description: 'The first 1,000 characters of the answer' }),
    error: t.exposeString('error', { nullable: true }),
    succeeded: t.exposeBoolean('succeeded'),
    delivery: t.relation('delivery'),
  }),
});

const WebhookDeliveryRef = builder.prismaObject('WebhookDelivery', {
  description: 'One event for one endpoint',
  fields: (t) => ({
    id: t.exposeID('id'),
    webhookId: t.string({ description: 'The webhook-id header: the same on every attempt and replay', resolve: (d) => webhookIdOf(d.id) }),
    eventType: t.expose('eventType', { type: WebhookEventTypeEnum }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    status: t.expose('status', { type: WebhookDeliveryStatusEnum }),
    attemptCount: t.exposeInt('attemptCount'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
    body: t.exposeString('body', { description: 'The JSON sent' }),
    attempts: t.relation('attempts', { query: { orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: 20 }, description: 'The last 20' }),
  }),
});

const WebhookEndpointRef = builder.prismaObject('WebhookEndpoint', {
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url'),
    description: t.exposeString('description'),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], resolve: (endpoint) => endpoint.eventTypes }),
    enabled: t.exposeBoolean('enabled'),
    disabledReason: t.expose('disabledReason', { type: WebhookDisabledReasonEnum, nullable: true }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    previousSecretUntil: t.expose('previousSecretUntil', {
      type: 'DateTime',
      nullable: true,
      description: 'Until then deliveries also carry a signature with the secret before the last rotation',
    }),
    apiKey: t.relation('apiKey', { nullable: true, description: 'The key that owns the endpoint; null for the organization’s own' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    attempts: t.connection({
      type: WebhookAttemptRef,
      nullable: true,
      description: 'The delivery log, newest first',
      resolve: (endpoint, args, context, info) =>
        attemptPages.resolve({ args, context, info, listArgs: { endpointId: endpoint.id } }, ({ where, ...page }) =>
          context.prisma.webhookAttempt.findMany({ ...page, where: { AND: [{ endpointId: endpoint.id, organizationId: endpoint.organizationId }, where] } }),
        ),
    }),
    deliveries: t.connection({
      type: WebhookDeliveryRef,
      nullable: true,
      description: 'Newest first',
      resolve: (endpoint, args, context, info) =>
        deliveryPages.resolve({ args, context, info, listArgs: { endpointId: endpoint.id } }, ({ where, ...page }) =>
          context.prisma.webhookDelivery.findMany({ ...page, where: { AND: [{ endpointId: endpoint.id, organizationId: endpoint.organizationId }, where] } }),
        ),
    }),
  }),
});

const CreatedWebhookEndpointRef = builder
  .objectRef<{ endpoint: { id: string }; secret: string }>('CreatedWebhookEndpoint')
  .implement({
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, resolve: (created) => created.endpoint as never }),
      secret: t.exposeString('secret', { description: 'Shown this once: verify each delivery with it (Standard Webhooks)' }),
    }),
  });

const url = z.string().trim().superRefine((value, ctx) => {
  const problem = urlProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const description = z.string().trim().max(500);
// TEST is refused here, so the cast to WebhookEventType in the resolvers below holds.
const eventTypes = z
  .array(z.string())
  .min(1, 'Choose at least one event')
  .refine((types) => !types.includes('TEST'), 'TEST is not subscribed to: use sendTestWebhook');

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  fields: (t) => ({
    url: t.string({ required: true, validate: url }),
    description: t.string({ validate: description.nullish() }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], required: true, validate: eventTypes }),
    enabled: t.boolean(),
  }),
});
const UpdateWebhookEndpointInput = builder.inputType('UpdateWebhookEndpointInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: rowUuid('Not a webhook endpoint ID') }),
    url: t.string({ validate: url.nullish() }),
    description: t.string({ validate: description.nullish() }),
    eventTypes: t.field({ type: [WebhookEventTypeEnum], validate: eventTypes.nullish() }),
    enabled: t.boolean(),
  }),
});
const WebhookEndpointIdInput = builder.inputType('WebhookEndpointIdInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: rowUuid('Not a webhook endpoint ID') }) }),
});
const ReplayWebhookDeliveryInput = builder.inputType('ReplayWebhookDeliveryInput', {
  fields: (t) => ({ id: t.id({ required: true, validate: rowUuid('Not a webhook delivery ID') }) }),
});
const ReplayWebhookDeliveriesInput = builder.inputType('ReplayWebhookDeliveriesInput', {
  fields: (t) => ({
    webhookEndpointId: t.id({ required: true, validate: rowUuid('Not a webhook endpoint ID') }),
    since: t.field({ type: 'DateTime', required: true, description: 'Every delivery made at or after this time is sent again' }),
  }),
});
const SendTestWebhookInput = builder.inputType('SendTestWebhookInput', {
  fields: (t) => ({ webhookEndpointId: t.id({ required: true, validate: rowUuid('Not a webhook endpoint ID') }) }),
});

builder.queryFields((t) => ({
  webhookEndpoints: t.prismaField({
    type: ['WebhookEndpoint'],
    authScopes: { reads: 'WebhookEndpoint' },
    description: 'An admin sees all of the organization’s endpoints, an API key those it made',
    args: { id: t.arg.id({ description: 'Only this endpoint (none when it is not one of them)' }) },
    resolve: (query, _root, { id }, context) =>
      context.prisma.webhookEndpoint.findMany({
        ...query,
        where: { ...webhookEndpointScope(callerOf(context)), ...(id == null ? {} : { id: safeRowId(String(id)) }) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      }),
  }),
}));

const manage = { authScopes: { can: 'manageWebhooks' as const } };

builder.mutationFields((t) => ({
  createWebhookEndpoint: t.field({
    ...manage,
    type: CreatedWebhookEndpointRef,
    errors: { types: COMMON_ERRORS, dataField: { name: 'created' } },
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true }) },
    resolve: (_root, { input }, context) =>
      createWebhookEndpoint(context.prisma, callerOf(context), { ...input, eventTypes: input.eventTypes as WebhookEventType[] }),
  }),
  updateWebhookEndpoint: t.field({
    ...manage,
    type: WebhookEndpointRef,
    errors: { types: COMMON_ERRORS, dataField: { name: 'endpoint' } },
    args: { input: t.arg({ type: UpdateWebhookEndpointInput, required: true }) },
    resolve: (_root, { input }, context) =>
      updateWebhookEndpoint(context.prisma, callerOf(context), { ...input, id: String(input.id), eventTypes: input.eventTypes as WebhookEventType[] | null }),
  }),
  deleteWebhookEndpoint: t.field({
    ...manage,
    type: WebhookEndpointRef,
    description: 'Deletes the endpoint with its deliveries and their log; returns it as it was',
    errors: { types: COMMON_ERRORS, dataField: { name: 'endpoint' } },
    args: { input: t.arg({ type: WebhookEndpointIdInput, required: true }) },
    resolve: (_root, { input }, context) => deleteWebhookEndpoint(context.prisma, callerOf(context), String(input.id)),
  }),
  rotateWebhookSecret: t.field({
    ...manage,
    type: CreatedWebhookEndpointRef,
    errors: { types: COMMON_ERRORS, dataField: { name: 'rotated' } },
    args: { input: t.arg({ type: WebhookEndpointIdInput, required: true }) },
    resolve: (_root, { input }, context) => rotateWebhookSecret(context.prisma, callerOf(context), String(input.id)),
  }),
  replayWebhookDelivery: t.field({
    ...manage,
    type: WebhookDeliveryRef,
    errors: { types: COMMON_ERRORS, dataField: { name: 'delivery' } },
    args: { input: t.arg({ type: ReplayWebhookDeliveryInput, required: true }) },
    resolve: (_root, { input }, context) => replayWebhookDelivery(context.prisma, callerOf(context), String(input.id)),
  }),
  replayWebhookDeliveries: t.field({
    ...manage,
    type: 'Int',
    description: 'How many deliveries will be sent again',
    errors: { types: COMMON_ERRORS, dataField: { name: 'replayedCount' } },
    args: { input: t.arg({ type: ReplayWebhookDeliveriesInput, required: true }) },
    resolve: (_root, { input }, context) =>
      replayWebhookDeliveries(context.prisma, callerOf(context), { endpointId: String(input.webhookEndpointId), since: input.since }),
  }),
  sendTestWebhook: t.field({
    ...manage,
    type: WebhookDeliveryRef,
    errors: { types: COMMON_ERRORS, dataField: { name: 'delivery' } },
    args: { input: t.arg({ type: SendTestWebhookInput, required: true }) },
    resolve: (_root, { input }, context) => sendTestWebhook(context.prisma, callerOf(context), String(input.webhookEndpointId)),
  }),
}));

