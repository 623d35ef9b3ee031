import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { createEndpoint, dueNow, startWebhookWorker, until } from '../support/webhooks.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { revokeApiKey } from '../support/credentials.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, transitionWorkOrder } from '../support/world.js';

describe('webhook deliveries to a real receiver', () => {
  const { db, world } = worldForFile();
  let worker: JobQueue;
  let receiver: WebhookReceiver;
  let endpoint: Awaited<ReturnType<typeof createEndpoint>>;

  const deliveriesOf = (endpointId: string) =>
    db.prisma.webhookDelivery.findMany({ where: { endpointId }, include: { attempts: { orderBy: { startedAt: 'asc' } } }, orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    worker = await startWebhookWorker(db);
  });
  beforeEach(async () => {
    await receiver?.close();
    receiver = await WebhookReceiver.start();
    endpoint = await createEndpoint(world.api, world.tokens.admin, receiver.url);
    receiver.secrets = [endpoint.secret];
  });
  afterAll(async () => {
    await receiver?.close();
    await worker.stop();
  });

  it('posts a created work order, signed in the Standard Webhooks format, with the work order as an admin sees it', async () => {
    const workOrder = await bookWorkOrder(world);
    const [received] = await receiver.waitFor(1);
    expect(received!.verifiedWith).toEqual([endpoint.secret]);
    expect(received!.headers['webhook-id']).toMatch(/^msg_[0-9a-f-]{36}$/);
    expect(Number(received!.headers['webhook-timestamp'])).toBeGreaterThan(0);
    expect(received!.json).toMatchObject({
      type: 'work_order.created',
      data: {
        event: { type: 'CREATED', before: null, after: { status: 'SCHEDULED', internalNotes: 'Owes for last visit; collect before starting.' } },
        workOrder: { id: workOrder.id, label: workOrder.label, status: 'SCHEDULED', customer: { name: 'Metro Plumbing' } },
      },
    });
    expect(received!.json.timestamp).toBe(received!.json.data.event.at);
  });

  it('makes a completion a status change, a completion and an invoice, each delivered once', async () => {
    const { id } = await bookWorkOrder(world);
    for (const status of ['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS', 'COMPLETED']) {
      await transitionWorkOrder(world, id, status);
    }
    const received = await receiver.waitFor(7);
    expect(received.map((r) => r.json.type).slice(-3).sort()).toEqual(['invoice.created', 'work_order.completed', 'work_order.status_changed']);
    expect(received.at(-1)!.json.data.workOrder.invoice).toMatchObject({ total: { amountMinor: 8999, currency: 'USD' } });
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(received.length);
    expect(received.every((r) => r.verifiedWith.length === 1)).toBe(true);
  });

  it('retries after a 500 with the same webhook-id and body, and logs both attempts', async () => {
    receiver.answer({ status: 500, body: 'database down' });
    await bookWorkOrder(world);
    await receiver.waitFor(1);
    const [failed] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.attempts.length === 1);
    expect(failed!.attempts[0]).toMatchObject({ statusCode: 500, responseExcerpt: 'database down', succeeded: false });
    expect(failed!.status).toBe('PENDING');
    // The first retry is about 5 s later (the schedule itself is tested in the domain): brought forward here.
    const wait = failed!.nextAttemptAt!.getTime() - failed!.attempts[0]!.startedAt.getTime();
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThan(6_500);
    await dueNow(db.prisma, failed!.id);
    const [first, second] = await receiver.waitFor(2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);
    const [done] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.status === 'SUCCEEDED');
    expect(done!.attempts.map((a) => a.statusCode)).toEqual([500, 200]);
  });

  it('sends nothing more to the endpoint of a key revoked while a delivery of it waits for a retry', async () => {
    const created = await world.api.ok(
      `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on MutationCreateApiKeySuccess { created { secret apiKey { id } } } } }`,
      { input: { name: 'Leaving integrator', scopes: ['WEBHOOKS'] } },
      world.tokens.admin,
    );
    const { secret, apiKey } = created.createApiKey.created;
    const keyReceiver = await WebhookReceiver.start();
    try {
      keyReceiver.answer({ status: 500 });
      const keyEndpoint = await createEndpoint(world.api, secret, keyReceiver.url);
      await bookWorkOrder(world);
      const [failed] = await until(() => deliveriesOf(keyEndpoint.rowId), (all) => all[0]?.attempts.length === 1);
      await revokeApiKey(world.api, world.tokens.admin, apiKey.id);
      await dueNow(db.prisma, failed!.id);
      const after = await until(
        () => db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: failed!.id } }),
        (delivery) => delivery.nextAttemptAt === null || delivery.attemptCount > 1,
      );
      expect(after).toMatchObject({ attemptCount: 1, nextAttemptAt: null });
      expect(keyReceiver.received).toHaveLength(1);
    } finally {
      await keyReceiver.close();
    }
  });

  it('gives up an attempt that gets no answer within the timeout and tries again', async () => {
    receiver.answer({ status: 200, hang: true });
    await bookWorkOrder(world);
    const [delivery] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.attempts.length === 1);
    expect(delivery!.attempts[0]).toMatchObject({ statusCode: null, error: 'No answer within 1000 ms', succeeded: false });
    expect(delivery!.nextAttemptAt).not.toBeNull();
  });

  it('disables the endpoint on 410 Gone, keeps what waits, and sends it when an admin enables it again', async () => {
    receiver.answer({ status: 410 });
    await bookWorkOrder(world);
    const disabled = await until(() => db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.rowId } }), (e) => !e.enabled);
    expect(disabled.disabledReason).toBe('GONE');
    // Events after it are not delivered to a disabled endpoint.
    await bookWorkOrder(world);
    const enabled = await world.api.ok(
      `mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { ... on MutationUpdateWebhookEndpointSuccess { endpoint { enabled disabledReason } } } }`,
      { input: { id: endpoint.id, enabled: true } },
      world.tokens.admin,
    );
    expect(enabled.updateWebhookEndpoint.endpoint).toEqual({ enabled: true, disabledReason: null });
    const received = await receiver.waitFor(2);
    expect(received[1]!.headers['webhook-id']).toBe(received[0]!.headers['webhook-id']);
    await until(() => deliveriesOf(endpoint.rowId), (all) => all.length === 1 && all[0]!.status === 'SUCCEEDED');
  });

  it('honours Retry-After on 429 and 503', async () => {
    receiver.answer({ status: 429, headers: { 'retry-after': '120' } }, { status: 503, headers: { 'retry-after': '3600' } });
    await bookWorkOrder(world);
    const [delivery] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.attempts.length === 1);
    const wait = delivery!.nextAttemptAt!.getTime() - delivery!.attempts[0]!.startedAt.getTime();
    expect(wait).toBeGreaterThanOrEqual(120_000);
    expect(wait).toBeLessThan(125_000);
    await dueNow(db.prisma, delivery!.id);
    const [again] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.attempts.length === 2);
    const secondWait = again!.nextAttemptAt!.getTime() - again!.attempts[1]!.startedAt.getTime();
    expect(secondWait).toBeGreaterThanOrEqual(3_600_000);
    expect(secondWait).toBeLessThan(3_605_000);
  });

  it('keeps a delivery whose receiver is down (connection refused) and delivers it once the receiver is up again', async () => {
    await receiver.close();
    await bookWorkOrder(world);
    const [refused] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.attempts.length === 1);
    expect(refused!.attempts[0]!.error).toMatch(/ECONNREFUSED/);
    expect(refused!.status).toBe('PENDING');
    await receiver.listen();
    await dueNow(db.prisma, refused!.id);
    const [received] = await receiver.waitFor(1);
    expect(received!.headers['webhook-id']).toBe(`msg_${refused!.id}`);
    expect(received!.verifiedWith).toEqual([endpoint.secret]);
  });

  it('fails a delivery that is still failing when its three days are over, disables the endpoint and says why', async () => {
    receiver.answer({ status: 500 }, { status: 500 });
    await bookWorkOrder(world);
    const [delivery] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.attempts.length === 1);
    // Three days have passed since the schedule began.
    await db.prisma.webhookDelivery.update({ where: { id: delivery!.id }, data: { scheduleStartedAt: new Date(Date.now() - 72 * 3_600_000) } });
    await dueNow(db.prisma, delivery!.id);
    const [failed] = await until(() => deliveriesOf(endpoint.rowId), (all) => all[0]?.status === 'FAILED');
    expect(failed!.attempts).toHaveLength(2);
    const answer = await world.api.ok(`{ webhookEndpoints { id enabled disabledReason } }`, {}, world.tokens.admin);
    expect(answer.webhookEndpoints.find((e: { id: string }) => e.id === endpoint.id)).toEqual({ id: endpoint.id, enabled: false, disabledReason: 'FAILING' });
  });

  it('signs with both secrets for the grace period after a rotation', async () => {
    const rotated = await world.api.ok(
      `mutation ($input: WebhookEndpointIdInput!) { rotateWebhookSecret(input: $input) { ... on MutationRotateWebhookSecretSuccess { rotated { secret endpoint { previousSecretUntil } } } } }`,
      { input: { id: endpoint.id } },
      world.tokens.admin,
    );
    const { secret, endpoint: after } = rotated.rotateWebhookSecret.rotated;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(endpoint.secret);
    expect(new Date(after.previousSecretUntil).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    receiver.secrets = [endpoint.secret, secret];
    await bookWorkOrder(world);
    const [received] = await receiver.waitFor(1);
    expect(received!.verifiedWith).toEqual([endpoint.secret, secret]);
    expect(String(received!.headers['webhook-signature']).split(' ')).toHaveLength(2);
  });
});
