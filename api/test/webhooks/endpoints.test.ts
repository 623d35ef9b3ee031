import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { API_KEY_PREFIX, newSecret } from '../../src/auth/secrets.js';
import { revokeApiKey } from '../support/credentials.js';
import { createApiKey, createWebhookDelivery } from '../support/fixtures.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { TestApi } from '../support/api.js';
import { WEBHOOK_TEST_SETTINGS } from '../support/webhook-settings.js';
import { CREATE_ENDPOINT, createEndpoint, startWebhookWorker, until } from '../support/webhooks.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, gid, signedInOrganization } from '../support/world.js';

const ENDPOINT_LOG = `query ($id: ID!, $first: Int, $after: String) {
  webhookEndpoints(id: $id) {
    id url
    attempts(first: $first, after: $after) { edges { cursor node { startedAt statusCode durationMs responseExcerpt error succeeded delivery { id webhookId eventType } } } pageInfo { hasNextPage endCursor } }
    deliveries(first: 10) { edges { node { id webhookId eventType status attemptCount body } } }
  }
}`;
const REPLAY = `mutation ($input: ReplayWebhookDeliveryInput!) {
  replayWebhookDelivery(input: $input) { __typename ... on Error { message } ... on MutationReplayWebhookDeliverySuccess { delivery { id status } } }
}`;
const REPLAY_SINCE = `mutation ($input: ReplayWebhookDeliveriesInput!) {
  replayWebhookDeliveries(input: $input) { __typename ... on Error { message } ... on MutationReplayWebhookDeliveriesSuccess { replayedCount } }
}`;
const SEND_TEST = `mutation ($input: SendTestWebhookInput!) {
  sendTestWebhook(input: $input) { __typename ... on Error { message } ... on MutationSendTestWebhookSuccess { delivery { id eventType webhookId } } }
}`;
const UPDATE = `mutation ($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) { __typename ... on Error { message } ... on ValidationError { fieldErrors { path message } } ... on MutationUpdateWebhookEndpointSuccess { endpoint { id url } } }
}`;
const DELETE = `mutation ($input: WebhookEndpointIdInput!) {
  deleteWebhookEndpoint(input: $input) { __typename ... on Error { message } ... on MutationDeleteWebhookEndpointSuccess { endpoint { id } } }
}`;

describe('webhook endpoints: who manages them, what each owner receives, the log and replay', () => {
  const { db, world } = worldForFile();
  let worker: JobQueue;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    worker = await startWebhookWorker(db);
    await db.prisma.customer.update({ where: { id: world.customer.customer.id }, data: { email: 'ops@metro.test', phone: '555-0100' } });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await worker.stop();
  });

  it('gives a key with only the webhook scope the work order without customer contact, access notes, VIN or internal notes', async () => {
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const readingKey = await world.api.apiKey(world.org.id, ['WEBHOOKS', 'READ']);
    const own = await WebhookReceiver.start();
    const reading = await WebhookReceiver.start();
    try {
      const endpoint = await createEndpoint(world.api, key, own.url, ['WORK_ORDER_CREATED']);
      const readingEndpoint = await createEndpoint(world.api, readingKey, reading.url, ['WORK_ORDER_CREATED']);
      own.secrets = [endpoint.secret];
      reading.secrets = [readingEndpoint.secret];
      await bookWorkOrder(world);
      const [plain] = await own.waitFor(1);
      const [full] = await reading.waitFor(1);
      expect(plain!.verifiedWith).toEqual([endpoint.secret]);
      expect(plain!.json.data.workOrder.customer).toMatchObject({ name: 'Metro Plumbing', email: null, phone: null });
      expect(plain!.json.data.workOrder.internalNotes).toBeNull();
      expect(plain!.json.data.event.after.internalNotes).toBeNull();
      expect(plain!.json.data.workOrder.vehicle).toMatchObject({ make: 'Toyota', vin: null, licensePlate: null });
      expect(plain!.json.data.workOrder.serviceAddress.accessNotes).toBeNull();
      expect(plain!.json.data.workOrder.technician).toMatchObject({ name: 'Maria Lopez', phone: null, email: null });
      expect(full!.json.data.workOrder.customer).toMatchObject({ email: 'ops@metro.test', phone: '555-0100' });
      expect(full!.json.data.workOrder.internalNotes).toBe('Owes for last visit; collect before starting.');
    } finally {
      await own.close();
      await reading.close();
    }
  });

  it('lets a key manage only the endpoints it made, and an admin all of them', async () => {
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const otherKey = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const endpoint = await createEndpoint(world.api, key, receiver.url);
    const listed = async (token: string) => (await world.api.ok(`{ webhookEndpoints { id } }`, {}, token)).webhookEndpoints.map((e: { id: string }) => e.id);
    expect(await listed(key)).toEqual([endpoint.id]);
    expect(await listed(otherKey)).toEqual([]);
    expect(await listed(world.tokens.admin)).toContain(endpoint.id);
    const refused = await world.api.ok(UPDATE, { input: { id: endpoint.id, url: 'https://example.com/x' } }, otherKey);
    expect(refused.updateWebhookEndpoint.__typename).toBe('NotFoundError');
    expect((await world.api.ok(`query ($id: ID!) { webhookEndpoints(id: $id) { id } }`, { id: endpoint.id }, otherKey)).webhookEndpoints).toEqual([]);
  });

  it('refuses webhook management to a dispatcher, a technician, a customer and keys without the webhook scope', async () => {
    for (const token of [world.tokens.dispatcher, world.tokens.technician, world.tokens.customer, world.tokens.readKey, world.tokens.writeKey]) {
      const listed = await world.api.request(`{ webhookEndpoints { id } }`, {}, token);
      expect(listed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const created = await world.api.request(CREATE_ENDPOINT, { input: { url: receiver.url, eventTypes: ['WORK_ORDER_CREATED'] } }, token);
      expect(created.errors?.[0]?.extensions?.code ?? created.data?.createWebhookEndpoint.__typename).toMatch(/FORBIDDEN|ForbiddenError/);
    }
    expect(await db.prisma.webhookEndpoint.count({ where: { organizationId: world.org.id, url: receiver.url, apiKeyId: null, description: '' } })).toBe(0);
  });

  it("answers another organization's endpoint and delivery IDs as not found, and changes nothing there", async () => {
    const { org: other, token: otherAdmin } = await signedInOrganization(world.api);
    const foreign = await createEndpoint(world.api, otherAdmin, 'https://example.com/theirs');
    const delivery = await createWebhookDelivery(db.prisma, { id: foreign.rowId, organizationId: other.id });
    const token = world.tokens.admin;
    expect((await world.api.ok(`query ($id: ID!) { webhookEndpoints(id: $id) { id } }`, { id: foreign.id }, token)).webhookEndpoints).toEqual([]);
    expect((await world.api.ok(UPDATE, { input: { id: foreign.id, enabled: false } }, token)).updateWebhookEndpoint.__typename).toBe('NotFoundError');
    expect((await world.api.ok(DELETE, { input: { id: foreign.id } }, token)).deleteWebhookEndpoint.__typename).toBe('NotFoundError');
    expect((await world.api.ok(SEND_TEST, { input: { webhookEndpointId: foreign.id } }, token)).sendTestWebhook.__typename).toBe('NotFoundError');
    expect((await world.api.ok(REPLAY, { input: { id: gid('WebhookDelivery', delivery.id) } }, token)).replayWebhookDelivery.__typename).toBe('NotFoundError');
    const since = new Date(Date.now() - 3_600_000).toISOString();
    expect((await world.api.ok(REPLAY_SINCE, { input: { webhookEndpointId: foreign.id, since } }, token)).replayWebhookDeliveries.__typename).toBe('NotFoundError');
    const rotate = `mutation ($input: WebhookEndpointIdInput!) { rotateWebhookSecret(input: $input) { __typename } }`;
    expect((await world.api.ok(rotate, { input: { id: foreign.id } }, token)).rotateWebhookSecret.__typename).toBe('NotFoundError');
    const after = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: foreign.rowId } });
    expect(after).toMatchObject({ enabled: true, secret: foreign.secret });
    expect((await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe('SUCCEEDED');
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await db.prisma.webhookEndpoint.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.com/x', eventTypes: ['WORK_ORDER_CREATED'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['WORK_ORDER_CREATED'] }, 'url'],
      [{ url: 'https://user:pw@example.com/x', eventTypes: ['WORK_ORDER_CREATED'] }, 'url'],
      [{ url: `https://example.com/${'x'.repeat(2_000)}`, eventTypes: ['WORK_ORDER_CREATED'] }, 'url'],
      [{ url: 'https://example.com/x', eventTypes: [] }, 'eventTypes'],
      [{ url: 'https://example.com/x', eventTypes: ['TEST'] }, 'eventTypes'],
      [{ url: 'https://example.com/x', eventTypes: ['WORK_ORDER_CREATED'], description: 'd'.repeat(501) }, 'description'],
    ];
    for (const [input, field] of cases) {
      const answer = await world.api.ok(CREATE_ENDPOINT, { input }, world.tokens.admin);
      expect(answer.createWebhookEndpoint.__typename, JSON.stringify(input).slice(0, 80)).toBe('ValidationError');
      expect(answer.createWebhookEndpoint.fieldErrors[0].path).toEqual(['input', field]);
    }
    const bad = await world.api.ok(UPDATE, { input: { id: 'not-an-id' } }, world.tokens.admin);
    expect(bad.updateWebhookEndpoint.__typename).toBe('ValidationError');
    expect(await db.prisma.webhookEndpoint.count()).toBe(before);
  });

  it('refuses a URL naming a loopback, private, link-local or metadata address in any spelling, or localhost, on create and update', async () => {
    // An API as production runs it: private addresses not allowed.
    const api = await TestApi.start(db, { webhookSettings: { ...WEBHOOK_TEST_SETTINGS, allowPrivateAddresses: false } });
    onTestFinished(() => api.close());
    const admin = await api.signIn(world.org.id, 'ADMIN');
    const before = await db.prisma.webhookEndpoint.count();
    const refused: [string, string][] = [
      ['http://127.0.0.1:8080/hooks', '127.0.0.1 is not a public address'],
      ['http://2130706433/hooks', '127.0.0.1 is not a public address'],
      ['http://0177.0.0.1/hooks', '127.0.0.1 is not a public address'],
      ['http://0x7f.1/hooks', '127.0.0.1 is not a public address'],
      ['http://[::1]/hooks', '::1 is not a public address'],
      ['http://[::ffff:10.0.0.1]/hooks', '::ffff:a00:1 is not a public address'],
      ['https://10.0.0.1/hooks', '10.0.0.1 is not a public address'],
      ['https://192.168.1.20/hooks', '192.168.1.20 is not a public address'],
      ['http://[fe80::1]/hooks', 'fe80::1 is not a public address'],
      ['http://0.0.0.0:3000/', '0.0.0.0 is not a public address'],
      ['http://[::]:3000/', ':: is not a public address'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a cloud metadata address'],
      ['http://localhost:3000/hooks', 'localhost is this machine'],
      ['http://dev.localhost/hooks', 'dev.localhost is this machine'],
    ];
    for (const [url, named] of refused) {
      const answer = await api.ok(CREATE_ENDPOINT, { input: { url, eventTypes: ['WORK_ORDER_CREATED'] } }, admin);
      expect(answer.createWebhookEndpoint, url).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'url'], message: `${named}: deliveries never go there` }] });
    }
    expect(await db.prisma.webhookEndpoint.count()).toBe(before);

    // A public address or a host name is taken; an edit to a private address is refused and changes nothing.
    const endpoint = await createEndpoint(api, admin, 'http://93.184.215.14/hooks');
    for (const url of ['https://[::ffff:192.168.1.1]/hooks', 'http://localhost./hooks']) {
      expect((await api.ok(UPDATE, { input: { id: endpoint.id, url } }, admin)).updateWebhookEndpoint, url).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'url'] }] });
    }
    expect((await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.rowId } })).url).toBe('http://93.184.215.14/hooks');
    const moved = await api.ok(UPDATE, { input: { id: endpoint.id, url: 'https://hooks.example.com/dispatch' } }, admin);
    expect(moved.updateWebhookEndpoint).toMatchObject({ __typename: 'MutationUpdateWebhookEndpointSuccess', endpoint: { url: 'https://hooks.example.com/dispatch' } });
    await db.prisma.webhookEndpoint.delete({ where: { id: endpoint.rowId } });
  });

  it('takes loopback and private URLs where the server allows them (development), never a metadata or unspecified address', async () => {
    const taken = await createEndpoint(world.api, world.tokens.admin, 'http://localhost:3000/allowed');
    const edited = await world.api.ok(UPDATE, { input: { id: taken.id, url: 'http://10.0.0.5:3000/allowed' } }, world.tokens.admin);
    expect(edited.updateWebhookEndpoint).toMatchObject({ endpoint: { url: 'http://10.0.0.5:3000/allowed' } });
    for (const url of ['http://[::ffff:169.254.169.254]/', 'http://100.100.100.200/', 'http://0.0.0.0:3000/']) {
      const answer = await world.api.ok(CREATE_ENDPOINT, { input: { url, eventTypes: ['WORK_ORDER_CREATED'] } }, world.tokens.admin);
      expect(answer.createWebhookEndpoint, url).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'url'] }] });
    }
    await db.prisma.webhookEndpoint.delete({ where: { id: taken.rowId } });
  });

  it('delivers customer and vehicle changes to endpoints that subscribe to them', async () => {
    const endpoint = await createEndpoint(world.api, world.tokens.admin, receiver.url, ['CUSTOMER_UPDATED', 'VEHICLE_CREATED']);
    receiver.secrets = [endpoint.secret];
    const start = receiver.received.length;
    await world.api.ok(`mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { __typename } }`, {
      input: { id: gid('Customer', world.otherCustomer.customer.id), phone: '555-0199' },
    }, world.tokens.dispatcher);
    await world.api.ok(`mutation ($input: CreateVehicleInput!) { createVehicle(input: $input) { __typename } }`, {
      input: { customerId: gid('Customer', world.otherCustomer.customer.id), make: 'Ford', model: 'Transit', vin: '1FTBW2CM5HKA12345' },
    }, world.tokens.dispatcher);
    // The shared receiver also hears other tests' work order events: only these two matter here.
    const records = () => receiver.received.slice(start).filter((r) => /^(customer|vehicle)\./.test(r.json.type));
    await until(async () => records().length, (n) => n >= 2);
    const received = records();
    const types = received.map((r) => r.json.type).sort();
    expect(types).toEqual(['customer.updated', 'vehicle.created']);
    const customer = received.find((r) => r.json.type === 'customer.updated')!;
    expect(customer.json.data.customer).toMatchObject({ id: gid('Customer', world.otherCustomer.customer.id), phone: '555-0199' });
    expect(received.find((r) => r.json.type === 'vehicle.created')!.json.data.vehicle).toMatchObject({ make: 'Ford', vin: '1FTBW2CM5HKA12345' });
    expect(received.every((r) => r.verifiedWith.length === 1)).toBe(true);
  });

  it('gives a key without a customer scope customer and vehicle changes without contact details, VIN or plate', async () => {
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const own = await WebhookReceiver.start();
    onTestFinished(() => own.close());
    const endpoint = await createEndpoint(world.api, key, own.url, ['CUSTOMER_CREATED', 'CUSTOMER_UPDATED', 'VEHICLE_CREATED']);
    own.secrets = [endpoint.secret];
    const customerId = gid('Customer', world.otherCustomer.customer.id);
    await world.api.ok(`mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { __typename } }`, {
      input: { id: customerId, email: 'private@fleet.test', phone: '555-0142' },
    }, world.tokens.dispatcher);
    await world.api.ok(`mutation ($input: CreateVehicleInput!) { createVehicle(input: $input) { __typename } }`, {
      input: { customerId, make: 'Ram', model: 'ProMaster', vin: '3C6TRVDG5KE512345', licensePlate: 'FLT-042' },
    }, world.tokens.dispatcher);
    const received = await own.waitFor(2);
    const text = received.map((r) => r.body).join('\n');
    for (const secret of ['private@fleet.test', '555-0142', '3C6TRVDG5KE512345', 'FLT-042']) expect(text).not.toContain(secret);
    const customer = received.find((r) => r.json.type === 'customer.updated')!.json.data.customer;
    expect(customer).toMatchObject({ id: customerId, email: null, phone: null });
    expect(received.find((r) => r.json.type === 'vehicle.created')!.json.data.vehicle).toMatchObject({ make: 'Ram', vin: null, licensePlate: null });
    expect(received.every((r) => r.verifiedWith.length === 1)).toBe(true);
  });

  it('shows the log of attempts in pages, replays one delivery and everything since a time, and sends a test event', async () => {
    const receiver = await WebhookReceiver.start();
    onTestFinished(() => receiver.close());
    const endpoint = await createEndpoint(world.api, world.tokens.admin, receiver.url, ['WORK_ORDER_CREATED']);
    receiver.secrets = [endpoint.secret];
    const start = 0;
    // Its own retry an hour away, so that only the replays below send it again.
    receiver.answer({ status: 503, body: 'try later', headers: { 'retry-after': '3600' } });
    await bookWorkOrder(world);
    await bookWorkOrder(world);
    await until(() => db.prisma.webhookAttempt.count({ where: { endpointId: endpoint.rowId } }), (n) => n === 2);

    const page = await world.api.ok(ENDPOINT_LOG, { id: endpoint.id, first: 1 }, world.tokens.admin);
    const log = page.webhookEndpoints[0].attempts;
    expect(log.edges).toHaveLength(1);
    expect(log.pageInfo.hasNextPage).toBe(true);
    const next = await world.api.ok(ENDPOINT_LOG, { id: endpoint.id, first: 5, after: log.pageInfo.endCursor }, world.tokens.admin);
    const attempts = [log.edges[0].node, ...next.webhookEndpoints[0].attempts.edges.map((e: any) => e.node)];
    expect(attempts.map((a: any) => a.statusCode).sort()).toEqual([200, 503]);
    expect(attempts.find((a: any) => a.statusCode === 503)).toMatchObject({ responseExcerpt: 'try later', succeeded: false });
    // A cursor of this log is refused by another endpoint's log.
    const other = await createEndpoint(world.api, world.tokens.admin, 'https://example.com/other');
    const foreignCursor = await world.api.request(ENDPOINT_LOG, { id: other.id, first: 1, after: log.pageInfo.endCursor }, world.tokens.admin);
    expect(foreignCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const succeeded = page.webhookEndpoints[0].deliveries.edges.map((e: any) => e.node).find((d: any) => d.status === 'SUCCEEDED');
    const replayed = await world.api.ok(REPLAY, { input: { id: succeeded.id } }, world.tokens.admin);
    expect(replayed.replayWebhookDelivery.delivery).toEqual({ id: succeeded.id, status: 'PENDING' });
    const again = (await receiver.waitFor(start + 3)).at(-1)!;
    expect(again.headers['webhook-id']).toBe(succeeded.webhookId);
    expect(again.body).toBe(succeeded.body);

    const since = new Date(Date.now() - 60_000).toISOString();
    const all = await world.api.ok(REPLAY_SINCE, { input: { webhookEndpointId: endpoint.id, since } }, world.tokens.admin);
    expect(all.replayWebhookDeliveries.replayedCount).toBe(2);
    const replays = (await receiver.waitFor(start + 5)).slice(start + 3);
    expect(new Set(replays.map((r) => r.headers['webhook-id']))).toEqual(new Set(page.webhookEndpoints[0].deliveries.edges.map((e: any) => e.node.webhookId)));

    const test = await world.api.ok(SEND_TEST, { input: { webhookEndpointId: endpoint.id } }, world.tokens.admin);
    expect(test.sendTestWebhook.delivery.eventType).toBe('TEST');
    const testReceived = (await receiver.waitFor(start + 6)).at(-1)!;
    expect(testReceived.json.type).toBe('webhook.test');
    expect(testReceived.headers['webhook-id']).toBe(test.sendTestWebhook.delivery.webhookId);
    expect(testReceived.verifiedWith).toEqual([endpoint.secret]);
  });

  it('refuses to replay to a disabled endpoint', async () => {
    const endpoint = await createEndpoint(world.api, world.tokens.admin, `${receiver.url}?disabled`);
    await world.api.ok(UPDATE, { input: { id: endpoint.id, enabled: false } }, world.tokens.admin);
    const test = await world.api.ok(SEND_TEST, { input: { webhookEndpointId: endpoint.id } }, world.tokens.admin);
    expect(test.sendTestWebhook.__typename).toBe('ValidationError');
    const since = new Date(Date.now() - 60_000).toISOString();
    expect((await world.api.ok(REPLAY_SINCE, { input: { webhookEndpointId: endpoint.id, since } }, world.tokens.admin)).replayWebhookDeliveries.__typename).toBe('ValidationError');
  });

  it("refuses a test send and replays to the endpoint of a revoked key, which receives nothing any more", async () => {
    const secret = newSecret(API_KEY_PREFIX);
    const key = await createApiKey(db.prisma, world.org.id, ['WEBHOOKS'], secret);
    const endpoint = await createEndpoint(world.api, secret, `${receiver.url}?revoked`);
    const delivery = await createWebhookDelivery(db.prisma, { id: endpoint.rowId, organizationId: world.org.id }, { status: 'SUCCEEDED' });
    await revokeApiKey(world.api, world.tokens.admin, gid('ApiKey', key.id));

    const refusal = { __typename: 'ValidationError', message: expect.stringContaining('API key is revoked') };
    expect((await world.api.ok(SEND_TEST, { input: { webhookEndpointId: endpoint.id } }, world.tokens.admin)).sendTestWebhook).toMatchObject(refusal);
    expect((await world.api.ok(REPLAY, { input: { id: gid('WebhookDelivery', delivery.id) } }, world.tokens.admin)).replayWebhookDelivery).toMatchObject(refusal);
    const since = new Date(Date.now() - 60_000).toISOString();
    expect((await world.api.ok(REPLAY_SINCE, { input: { webhookEndpointId: endpoint.id, since } }, world.tokens.admin)).replayWebhookDeliveries).toMatchObject(refusal);
    expect(await db.prisma.webhookDelivery.findMany({ where: { endpointId: endpoint.rowId } })).toEqual([expect.objectContaining({ id: delivery.id, status: 'SUCCEEDED' })]);
  });

  it("refuses to edit or rotate the secret of a revoked key's endpoint, and deletes it", async () => {
    const secret = newSecret(API_KEY_PREFIX);
    const key = await createApiKey(db.prisma, world.org.id, ['WEBHOOKS'], secret);
    const endpoint = await createEndpoint(world.api, secret, `${receiver.url}?revoked-edit`);
    await revokeApiKey(world.api, world.tokens.admin, gid('ApiKey', key.id));
    const before = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.rowId } });

    const refusal = { __typename: 'ValidationError', message: expect.stringContaining('API key is revoked') };
    for (const change of [{ enabled: false }, { enabled: true }, { url: `${receiver.url}?elsewhere` }, { description: 'still here' }]) {
      expect((await world.api.ok(UPDATE, { input: { id: endpoint.id, ...change } }, world.tokens.admin)).updateWebhookEndpoint).toMatchObject(refusal);
    }
    const rotate = `mutation ($input: WebhookEndpointIdInput!) { rotateWebhookSecret(input: $input) { __typename ... on Error { message } } }`;
    expect((await world.api.ok(rotate, { input: { id: endpoint.id } }, world.tokens.admin)).rotateWebhookSecret).toMatchObject(refusal);
    expect(await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.rowId } })).toEqual(before);
    expect((await world.api.ok(DELETE, { input: { id: endpoint.id } }, world.tokens.admin)).deleteWebhookEndpoint.__typename).toBe('MutationDeleteWebhookEndpointSuccess');
  });
});
