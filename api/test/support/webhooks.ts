import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { TestApi } from './api.js';

export const WEBHOOK_TEST_SETTINGS = { timeoutMs: 1_000, allowPrivateAddresses: true };

export const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    __typename ... on Error { message } ... on ValidationError { fieldErrors { path message } }
    ... on MutationCreateWebhookEndpointSuccess { created { secret endpoint { id url enabled eventTypes } } }
  }
}`;

export const ALL_WORK_ORDER_EVENTS = [
  'WORK_ORDER_CREATED',
  'WORK_ORDER_UPDATED',
  'WORK_ORDER_RESCHEDULED',
  'WORK_ORDER_REASSIGNED',
  'WORK_ORDER_STATUS_CHANGED',
  'WORK_ORDER_CANCELED',
  'WORK_ORDER_COMPLETED',
  'INVOICE_CREATED',
];

/** Makes an endpoint through the API and returns its id and secret. */
export async function createEndpoint(api: TestApi, token: string, url: string, eventTypes = ALL_WORK_ORDER_EVENTS) {
  const data = await api.ok(CREATE_ENDPOINT, { input: { url, eventTypes, description: 'Test receiver' } }, token);
  if (!data.createWebhookEndpoint.created) throw new Error(JSON.stringify(data));
  return { id: data.createWebhookEndpoint.created.endpoint.id as string, secret: data.createWebhookEndpoint.created.secret as string };
}

/** Brings a delivery's waiting retry forward to now, as if its time had come (the schedule itself is tested in the domain). */
export async function dueNow(prisma: PrismaClient, deliveryId: string): Promise<void> {
  await prisma.$executeRaw`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE key = ${`webhook:${deliveryId}`}`;
}

/** Waits until the database says so (deliveries are recorded after their answer arrives). */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
