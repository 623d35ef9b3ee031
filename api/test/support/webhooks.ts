import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Database } from '../../src/db/database.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { startJobQueue, type JobQueue } from '../../src/jobs/queue.js';
import { tasksWith } from '../../src/jobs/tasks.js';
import type { TestApi } from './api.js';
import { WEBHOOK_TEST_SETTINGS } from './webhook-settings.js';

/** A worker in the test's process that runs the webhook tasks (the test's API runs none, as main.ts does). */
export function startWebhookWorker(db: Database): Promise<JobQueue> {
  return startJobQueue(db, {
    runWorker: true,
    settings: { concurrency: 10, pollInterval: 100 },
    tasks: tasksWith({ prisma: db.prisma, settings: WEBHOOK_TEST_SETTINGS }),
    crontab: '',
  });
}

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

/** Makes an endpoint through the API and returns its global ID, its row id (for the database) and its secret. */
export async function createEndpoint(api: TestApi, token: string, url: string, eventTypes = ALL_WORK_ORDER_EVENTS) {
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
