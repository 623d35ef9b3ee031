import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { freePort, startInstance, type Instance } from '../support/instance.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { dueNow, until } from '../support/webhooks.js';
import { CREATE_WORK_ORDER, createWorld, newWorkOrderInput, type World } from '../support/world.js';

const ENV = { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_TIMEOUT_MS: '2000', JOBS_POLL_INTERVAL_MS: '200', JOBS_CONCURRENCY: '10' };

describe('webhook deliveries with several API instances and restarts', () => {
  let db: Database;
  let world: World;
  let token: string;
  const instances: Instance[] = [];

  const start = async () => {
    const instance = await startInstance(inject('databaseUrl'), await freePort(), { env: ENV });
    instances.push(instance);
    return instance;
  };
  const stop = async (instance: Instance) => {
    instance.process.kill('SIGTERM');
    await instance.exited;
  };
  const createWorkOrder = async (instance: Instance) => {
    const response = await fetch(`${instance.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: CREATE_WORK_ORDER, variables: { input: newWorkOrderInput(world) } }),
    });
    return ((await response.json()) as any).data.createWorkOrder.workOrder;
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
    token = world.tokens.dispatcher;
    // Only the instances started below deliver (the test's in-process API runs no worker); it is not needed further.
    await world.api.close();
  });
  afterAll(async () => {
    for (const instance of instances) instance.process.kill('SIGKILL');
    await db.close();
  });

  it('delivers each event exactly once across two instances, one attempt at a time per endpoint', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const receiver = await WebhookReceiver.start();
    let inFlight = 0;
    let mostInFlight = 0;
    receiver.onRequest = async () => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
    };
    const endpoint = await createEndpointThrough(a, receiver.url);
    receiver.secrets = [endpoint.secret];
    for (let i = 0; i < 10; i++) await createWorkOrder(i % 2 ? a! : b!);
    const received = await receiver.waitFor(10);
    await until(() => db.prisma.webhookDelivery.count({ where: { endpointId: endpoint.rowId, status: 'SUCCEEDED' } }), (n) => n === 10);
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(10);
    expect(received.every((r) => r.verifiedWith.length === 1)).toBe(true);
    expect(await db.prisma.webhookAttempt.count({ where: { endpointId: endpoint.rowId } })).toBe(10);
    expect(mostInFlight).toBe(1);
    await Promise.all([stop(a!), stop(b!)]);
    await receiver.close();
  }, 180_000);

  it('keeps a retry through a restart of every instance and sends it from the instance that comes up', async () => {
    const first = await start();
    const receiver = await WebhookReceiver.start();
    receiver.answer({ status: 500 });
    const endpoint = await createEndpointThrough(first, receiver.url);
    receiver.secrets = [endpoint.secret];
    await createWorkOrder(first);
    const [delivery] = await until(
      () => db.prisma.webhookDelivery.findMany({ where: { endpointId: endpoint.rowId }, include: { attempts: true } }),
      (all) => all[0]?.attempts.length === 1,
    );
    await stop(first);
    await dueNow(db.prisma, delivery!.id);
    await start();
    const [failed, retried] = await receiver.waitFor(2);
    expect(retried!.headers['webhook-id']).toBe(failed!.headers['webhook-id']);
    expect(retried!.verifiedWith).toEqual([endpoint.secret]);
    await until(() => db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } }), (d) => d.status === 'SUCCEEDED');
    await receiver.close();
  }, 180_000);

  async function createEndpointThrough(instance: Instance, url: string) {
    const response = await fetch(`${instance.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens.admin}` },
      body: JSON.stringify({
        query: `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ... on MutationCreateWebhookEndpointSuccess { created { secret endpoint { id } } } } }`,
        variables: { input: { url, eventTypes: ['WORK_ORDER_CREATED'] } },
      }),
    });
    const created = ((await response.json()) as any).data.createWebhookEndpoint.created;
    return { rowId: decodeGlobalID(created.endpoint.id as string).id, secret: created.secret as string };
  }
});
