import { describe, expect, it, onTestFinished } from 'vitest';
import { MAX_ENDPOINTS } from '../../src/domain/webhooks.js';
import { createWebhookAttempt, createWebhookDelivery } from '../support/fixtures.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { CREATE_ENDPOINT, createEndpoint, startWebhookWorker, until } from '../support/webhooks.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, gid, signedInOrganization, type World } from '../support/world.js';

const ERRORS = `__typename ... on Error { message } ... on ValidationError { fieldErrors { path message } }`;
const MUTATIONS = {
  update: [`mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { ${ERRORS} } }`, 'updateWebhookEndpoint'],
  delete: [`mutation ($input: WebhookEndpointIdInput!) { deleteWebhookEndpoint(input: $input) { ${ERRORS} } }`, 'deleteWebhookEndpoint'],
  rotate: [`mutation ($input: WebhookEndpointIdInput!) { rotateWebhookSecret(input: $input) { ${ERRORS} } }`, 'rotateWebhookSecret'],
  test: [`mutation ($input: SendTestWebhookInput!) { sendTestWebhook(input: $input) { ${ERRORS} } }`, 'sendTestWebhook'],
  replay: [`mutation ($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { ${ERRORS} } }`, 'replayWebhookDelivery'],
  replaySince: [`mutation ($input: ReplayWebhookDeliveriesInput!) { replayWebhookDeliveries(input: $input) { ${ERRORS} } }`, 'replayWebhookDeliveries'],
} as const;
const LOG = `query ($id: ID!, $after: String) {
  webhookEndpoints(id: $id) {
    attempts(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } }
    deliveries(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } }
  }
}`;

/** Every input each mutation takes, naming this endpoint and this delivery. */
function inputsFor(endpointId: string, deliveryId: string) {
  const since = new Date(Date.now() - 86_400_000).toISOString();
  return {
    update: { id: endpointId, url: 'https://example.com/taken-over', enabled: false },
    delete: { id: endpointId },
    rotate: { id: endpointId },
    test: { webhookEndpointId: endpointId },
    replay: { id: deliveryId },
    replaySince: { webhookEndpointId: endpointId, since },
  } satisfies Record<keyof typeof MUTATIONS, Record<string, unknown>>;
}

/** The answer's typename, or the code of the top-level error; never an internal error. */
async function outcome(world: World, name: keyof typeof MUTATIONS, input: Record<string, unknown>, token: string) {
  const [query, field] = MUTATIONS[name];
  const answer = await world.api.request(query, { input }, token);
  const code = answer.errors?.[0]?.extensions?.code;
  expect(code, `${name}: ${JSON.stringify(answer.errors)}`).not.toBe('INTERNAL_SERVER_ERROR');
  return (code as string | undefined) ?? (answer.data as any)[field].__typename;
}

describe('webhooks attacked from outside: other tenants, other roles, bad addresses, floods', () => {
  const { db, world } = worldForFile();

  /** An endpoint of a fresh organization, with a delivery that has one attempt logged. */
  async function foreignEndpoint() {
    const { org: other, token: admin } = await signedInOrganization(world.api);
    const endpoint = await createEndpoint(world.api, admin, 'https://example.com/theirs');
    const delivery = await createWebhookDelivery(db.prisma, { id: endpoint.rowId, organizationId: other.id }, { status: 'FAILED' });
    for (let i = 0; i < 2; i++) await createWebhookAttempt(db.prisma, delivery, { statusCode: 500, succeeded: false });
    return { org: other, admin, endpoint, delivery, deliveryId: gid('WebhookDelivery', delivery.id) };
  }

  it("gives another organization's endpoint, delivery and log cursors nothing, through every query and mutation, and changes nothing", async () => {
    const theirs = await foreignEndpoint();
    const theirLog = (await world.api.ok(LOG, { id: theirs.endpoint.id }, theirs.admin)).webhookEndpoints[0];
    const ourKey = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const ours = await createEndpoint(world.api, world.tokens.admin, 'https://example.com/ours');

    for (const token of [world.tokens.admin, ourKey]) {
      const node = await world.api.ok(`query ($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }`, { id: theirs.endpoint.id }, token);
      expect(node).toEqual({ node: null, nodes: [null] });
      expect((await world.api.ok(LOG, { id: theirs.endpoint.id }, token)).webhookEndpoints).toEqual([]);
      for (const [name, input] of Object.entries(inputsFor(theirs.endpoint.id, theirs.deliveryId))) {
        expect(await outcome(world, name as keyof typeof MUTATIONS, input, token), name).toBe('NotFoundError');
      }
    }
    // Their log's cursors, on our endpoint's log: refused as input, not read as a position in our log.
    for (const cursor of [theirLog.attempts.pageInfo.endCursor, theirLog.deliveries.pageInfo.endCursor]) {
      const answer = await world.api.request(LOG, { id: ours.id, after: cursor }, world.tokens.admin);
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }

    const endpoint = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: theirs.endpoint.rowId } });
    expect(endpoint).toMatchObject({ url: 'https://example.com/theirs', enabled: true, secret: theirs.endpoint.secret, previousSecret: null });
    const delivery = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: theirs.delivery.id } });
    expect(delivery).toMatchObject({ status: 'FAILED', attemptCount: 0 });
    expect(await db.prisma.webhookDelivery.count({ where: { endpointId: theirs.endpoint.rowId } })).toBe(1);
  });

  it('answers IDs of another type, or no ID at all, with a validation error in every mutation', async () => {
    const workOrderId = gid('WorkOrder', '0190a0b0-0000-7000-8000-000000000000');
    for (const bad of [workOrderId, 'not-an-id', '', 'V2ViaG9va0VuZHBvaW50Ondyb25n']) {
      for (const [name, input] of Object.entries(inputsFor(bad, bad))) {
        expect(await outcome(world, name as keyof typeof MUTATIONS, input, world.tokens.admin), `${name} ${bad}`).toMatch(/ValidationError|BAD_USER_INPUT/);
      }
    }
  });

  it('refuses every webhook query and mutation to a dispatcher, a technician, a fleet customer and keys without the webhook scope', async () => {
    const endpoint = await createEndpoint(world.api, world.tokens.admin, 'https://example.com/office-only');
    const delivery = await createWebhookDelivery(db.prisma, { id: endpoint.rowId, organizationId: world.org.id });
    const settingsKey = await world.api.apiKey(world.org.id, ['WRITE_SETTINGS', 'WRITE_CUSTOMERS']);
    const callers = { dispatcher: world.tokens.dispatcher, technician: world.tokens.technician, customer: world.tokens.customer, readKey: world.tokens.readKey, writeKey: world.tokens.writeKey, settingsKey };
    for (const [who, token] of Object.entries(callers)) {
      const node = await world.api.request(`query ($id: ID!) { node(id: $id) { id } }`, { id: endpoint.id }, token);
      expect(node.data?.node ?? null, who).toBeNull();
      for (const [name, input] of Object.entries(inputsFor(endpoint.id, gid('WebhookDelivery', delivery.id)))) {
        expect(await outcome(world, name as keyof typeof MUTATIONS, input, token), `${who} ${name}`).toMatch(/FORBIDDEN|ForbiddenError/);
      }
    }
    expect(await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.rowId } })).toMatchObject({ url: 'https://example.com/office-only', enabled: true, secret: endpoint.secret });
    expect(await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('refuses schemes other than http(s), huge URLs and descriptions with field errors, never an internal error', async () => {
    const before = await db.prisma.webhookEndpoint.count();
    const huge = 'x'.repeat(60_000);
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'file:///etc/passwd' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'gopher://127.0.0.1:70/_' }, 'url'],
      [{ url: 'data:text/plain,hi' }, 'url'],
      [{ url: `https://example.com/${huge}` }, 'url'],
      [{ url: `https://${'a'.repeat(70)}.example.com/` }, 'url'],
      [{ url: 'https://example.com/x', description: huge }, 'description'],
    ];
    for (const [fields, field] of cases) {
      const input = { eventTypes: ['WORK_ORDER_CREATED'], ...fields };
      const answer = await world.api.request(CREATE_ENDPOINT, { input }, world.tokens.admin);
      expect(answer.errors, JSON.stringify(fields).slice(0, 60)).toBeUndefined();
      expect(answer.data.createWebhookEndpoint.__typename, JSON.stringify(fields).slice(0, 60)).toBe('ValidationError');
      expect(answer.data.createWebhookEndpoint.fieldErrors[0].path).toEqual(['input', field]);
    }
    const endpoint = await createEndpoint(world.api, world.tokens.admin, 'https://example.com/edited');
    for (const change of [{ url: `https://example.com/${huge}` }, { url: 'ftp://example.com/' }, { description: huge }, { eventTypes: [] }]) {
      expect(await outcome(world, 'update', { id: endpoint.id, ...change }, world.tokens.admin), JSON.stringify(change).slice(0, 40)).toBe('ValidationError');
    }
    // A hundred repeats of one event type are one subscription.
    const repeated = await world.api.ok(CREATE_ENDPOINT, { input: { url: 'https://example.com/repeats', eventTypes: Array(100).fill('WORK_ORDER_CREATED') } }, world.tokens.admin);
    expect(repeated.createWebhookEndpoint.created.endpoint.eventTypes).toEqual(['WORK_ORDER_CREATED']);
    expect(await db.prisma.webhookEndpoint.count()).toBe(before + 2);
  });

  it('keeps one endpoint per URL for each owner, even when the same one is added many times at once, and caps their number', async () => {
    const url = 'https://example.com/once';
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => world.api.request(CREATE_ENDPOINT, { input: { url, eventTypes: ['WORK_ORDER_CREATED'] } }, world.tokens.admin)),
    );
    expect(answers.map((a) => a.errors)).toEqual(Array(6).fill(undefined));
    const kinds = answers.map((a) => a.data.createWebhookEndpoint.__typename).sort();
    expect(kinds).toEqual(['MutationCreateWebhookEndpointSuccess', ...Array(5).fill('ValidationError')]);
    expect(answers.find((a) => a.data.createWebhookEndpoint.fieldErrors)!.data.createWebhookEndpoint.fieldErrors[0]).toMatchObject({ path: ['input', 'url'] });
    expect(await db.prisma.webhookEndpoint.count({ where: { organizationId: world.org.id, apiKeyId: null, url } })).toBe(1);

    // A key's own endpoint may share the URL (it receives what the key may see); moving another endpoint onto it may not.
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    await createEndpoint(world.api, key, url);
    const other = await createEndpoint(world.api, world.tokens.admin, 'https://example.com/elsewhere');
    expect(await outcome(world, 'update', { id: other.id, url }, world.tokens.admin)).toBe('ValidationError');

    const { org, token: admin } = await signedInOrganization(world.api);
    for (let i = 0; i < MAX_ENDPOINTS; i++) await createEndpoint(world.api, admin, `https://example.com/many/${i}`);
    const over = await world.api.ok(CREATE_ENDPOINT, { input: { url: 'https://example.com/many/over', eventTypes: ['WORK_ORDER_CREATED'] } }, admin);
    expect(over.createWebhookEndpoint.__typename).toBe('ValidationError');
    expect(over.createWebhookEndpoint.message).toContain(`at most ${MAX_ENDPOINTS}`);
    expect(await db.prisma.webhookEndpoint.count({ where: { organizationId: org.id } })).toBe(MAX_ENDPOINTS);
  });

  it('makes a flood of replays, one by one and since a time, at once, no more than one more attempt of each delivery', async () => {
    // Only this test's endpoint: the others name addresses outside this machine.
    await db.prisma.webhookEndpoint.deleteMany({ where: { organizationId: world.org.id } });
    const receiver = await WebhookReceiver.start();
    onTestFinished(() => receiver.close());
    const endpoint = await createEndpoint(world.api, world.tokens.admin, receiver.url, ['WORK_ORDER_CREATED']);
    receiver.secrets = [endpoint.secret];
    const deliveries = await Promise.all(
      [1, 2, 3].map(() => createWebhookDelivery(db.prisma, { id: endpoint.rowId, organizationId: world.org.id }, { body: '{"type":"webhook.test"}' })),
    );
    const since = new Date(Date.now() - 60_000).toISOString();
    const flood = [
      ...Array.from({ length: 30 }, (_, i) => outcome(world, 'replay', { id: gid('WebhookDelivery', deliveries[i % 3]!.id) }, world.tokens.admin)),
      ...Array.from({ length: 8 }, () => outcome(world, 'replaySince', { webhookEndpointId: endpoint.id, since }, world.tokens.admin)),
    ];
    const answers = await Promise.all(flood);
    expect(new Set(answers)).toEqual(new Set(['MutationReplayWebhookDeliverySuccess', 'MutationReplayWebhookDeliveriesSuccess']));
    // No worker ran meanwhile: each delivery has one job waiting, whatever the number of replays.
    const jobs = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE key = ANY(${deliveries.map((d) => `webhook:${d.id}`)})`;
    expect(Number(jobs[0]!.n)).toBe(3);

    const worker = await startWebhookWorker(db);
    onTestFinished(() => worker.stop());
    await until(() => db.prisma.webhookDelivery.count({ where: { id: { in: deliveries.map((d) => d.id) }, status: 'SUCCEEDED', attemptCount: 1 } }), (n) => n === 3);
    expect(receiver.received.map((r) => r.headers['webhook-id']).sort()).toEqual(deliveries.map((d) => `msg_${d.id}`).sort());
    expect(receiver.received.every((r) => r.verifiedWith.length === 1)).toBe(true);
  });

  it('never posts to loopback or a private address when they are not allowed, whatever the URL spells, and logs why', async () => {
    await db.prisma.webhookEndpoint.deleteMany({ where: { organizationId: world.org.id } });
    const receiver = await WebhookReceiver.start();
    onTestFinished(() => receiver.close());
    const port = receiver.port;
    // Made where private addresses are allowed (development), or before they were refused as endpoints; a
    // metadata address is refused even there (test/webhooks/address-guard.test.ts sends to it).
    const hosts = ['127.0.0.1', 'localhost', '[::1]', '[::ffff:127.0.0.1]', '2130706433', '0177.0.0.1', '10.0.0.1'];
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const endpoints = [];
    // A path each: several spellings are one URL written out (127.0.0.1), which an owner has once.
    for (const [i, host] of hosts.entries()) endpoints.push({ host, ...(await createEndpoint(world.api, key, `http://${host}:${port}/hooks/${i}`, ['WORK_ORDER_CREATED'])) });
    const worker = await startWebhookWorker(db, { allowPrivateAddresses: false });
    onTestFinished(() => worker.stop());
    await bookWorkOrder(world, { windowStart: '2031-02-03T15:00:00.000Z', windowEnd: '2031-02-03T16:00:00.000Z' });
    const ids = endpoints.map((e) => e.rowId);
    await until(() => db.prisma.webhookAttempt.count({ where: { endpointId: { in: ids } } }), (n) => n === hosts.length);
    const attempts = await db.prisma.webhookAttempt.findMany({ where: { endpointId: { in: ids } } });
    for (const attempt of attempts) {
      const host = endpoints.find((e) => e.rowId === attempt.endpointId)!.host;
      expect(attempt, host).toMatchObject({ statusCode: null, succeeded: false });
      expect(attempt.error, host).toMatch(/not allowed/);
    }
    expect(receiver.received).toHaveLength(0);
  });
});
