import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Database } from '../../src/db/database.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../src/domain/webhooks.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import { tasksWith } from '../../src/jobs/tasks.js';
import type { TestApi } from './api.js';
import { WEBHOOK_TEST_SETTINGS } from './webhook-settings.js';

/**
 * A worker in the test's process that runs the webhook tasks (the test's API runs none, as main.ts does),
 * with the test settings unless `settings` changes some.
 */
export function startWebhookWorker(db: Database, settings: Partial<typeof WEBHOOK_TEST_SETTINGS> = {}): Promise<JobQueue> {
  return startJobQueue(db, {
    runWorker: true,
    settings: { concurrency: 10, pollInterval: 100 },
    tasks: tasksWith({ prisma: db.prisma, settings: { ...WEBHOOK_TEST_SETTINGS, ...settings } }),
    crontab: '',
  });
}

export const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    __typename ... on Error { message } ... on ValidationError { fieldErrors { path message } }
    ... on MutationCreateWebhookEndpointSuccess { created { secret endpoint { id url enabled eventTypes } } }
  }
}`;

/** The events of a work order's life and its invoice: what a test's endpoint subscribes to unless it says otherwise. */
export const WORK_ORDER_EVENT_TYPES: WebhookEventType[] = WEBHOOK_EVENT_TYPES.filter((type) => /^(WORK_ORDER|INVOICE)_/.test(type));

/** Makes an endpoint through the API and returns its global ID, its row id (for the database) and its secret. */
export async function createEndpoint(api: TestApi, token: string, url: string, eventTypes: readonly string[] = WORK_ORDER_EVENT_TYPES) {
  const data = await api.ok(CREATE_ENDPOINT, { input: { url, eventTypes, description: 'Test receiver' } }, token);
  if (!data.createWebhookEndpoint.created) throw new Error(JSON.stringify(data));
  const id = data.createWebhookEndpoint.created.endpoint.id as string;
  return { id, rowId: decodeGlobalID(id).id, secret: data.createWebhookEndpoint.created.secret as string };
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
