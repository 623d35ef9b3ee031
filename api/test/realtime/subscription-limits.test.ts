import { parse } from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryBucket } from '../../src/limits/bucket.js';
import { memoryBuckets } from '../../src/limits/buckets.js';
import { requestedCost } from '../../src/limits/cost.js';
import { COST, MAX_BODY_BYTES } from '../../src/limits/policy.js';
import { schema } from '../../src/schema/index.js';
import { TestApi } from '../support/api.js';
import { SseStream } from '../support/sse.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, latestSeq } from '../support/world.js';
import { SCHEDULE_CHANGED, Subscription, listen, wsClient } from '../support/ws-client.js';

const DAY = '2027-06-07';
let slot = 0;

/** A selection refused over HTTP for its cost: a hundred of the customer's work orders with all they hold. */
const TOO_DEAR = `subscription ($date: Date!) { scheduleChanged(date: $date) { workOrder { customer { workOrders(first: 100) { edges { node {
  events { before { status } after { status } } customer { vehicles { id } } invoice { lines { description } } technician { name } } } } } } } }`;

describe('subscriptions are limited like any operation', () => {
  const { db, world } = worldForFile();
  let url: string;
  const disposers: (() => unknown)[] = [];

  const connect = (token: string, at = url) => {
    const connection = wsClient(at, token);
    disposers.push(() => connection.client.dispose());
    return connection;
  };
  const sse = (token: string, query: string, variables: Record<string, unknown>) =>
    SseStream.open((target, init) => world.api.app.yoga.fetch(target, init), 'http://test/graphql', token, query, variables);
  /** A work order on DAY (America/Chicago), each in a window of its own. */
  const createWorkOrder = () =>
    bookWorkOrder(world, { windowStart: new Date(Date.UTC(2027, 5, 7, 14) + slot++ * 20 * 60_000).toISOString(), durationMinutes: 15 });
  const codesOf = (subscription: Subscription) => JSON.stringify(subscription.errors).match(/"code":"[A-Z_]+"/g) ?? [];

  beforeAll(async () => {
    url = await listen(world.api.app);
  });
  afterAll(async () => {
    disposers.forEach((dispose) => dispose());
  });

  it('answers a bad subscribe message with an error for that id, and the socket and its other subscriptions go on', async () => {
    const { client, closed } = connect(world.tokens.dispatcher);
    let socketClosed = false;
    void closed.then(() => (socketClosed = true));
    const live = new Subscription(client, SCHEDULE_CHANGED, { date: DAY, after: await latestSeq(world) });
    const deep = `subscription { scheduleChanged(date: "${DAY}") { workOrder { customer { workOrders(first: 1) { edges { node { customer {
      workOrders(first: 1) { edges { node { customer { vehicles { customer { name } } } } } } } } } } } } } }`;
    const bad = {
      syntax: `subscription { scheduleChanged(date: "${DAY}") { seq `,
      deep,
      aliases: `subscription { scheduleChanged(date: "${DAY}") { ${Array.from({ length: 21 }, (_, i) => `a${i}: seq`).join(' ')} } }`,
      unknownField: `subscription { scheduleChanged(date: "${DAY}") { noSuchField } }`,
    };
    const refused = Object.fromEntries(Object.entries(bad).map(([name, query]) => [name, new Subscription(client, query)]));
    const unknownOperation = new Subscription(client, `subscription Live { scheduleChanged(date: "${DAY}") { seq } }`, {}, 'Missing');
    await Promise.all([...Object.values(refused), unknownOperation].map((subscription) => subscription.done));
    expect(codesOf(unknownOperation)).toEqual(['"code":"BAD_USER_INPUT"']);
    expect(codesOf(refused.syntax!)).toEqual(['"code":"GRAPHQL_PARSE_FAILED"']);
    expect(codesOf(refused.deep!)).toEqual(['"code":"QUERY_LIMIT_EXCEEDED"']);
    expect(codesOf(refused.aliases!)).toEqual(['"code":"QUERY_LIMIT_EXCEEDED"']);
    expect(codesOf(refused.unknownField!)).toEqual(['"code":"GRAPHQL_VALIDATION_FAILED"']);

    const wo = await createWorkOrder();
    const [message] = await live.waitFor(1);
    expect(message.scheduleChanged.workOrder.id).toBe(wo.id);
    expect(socketClosed).toBe(false);
    live.close();
  });

  it('prices a subscription when it subscribes and refuses one over the limit, over graphql-ws and SSE', async () => {
    expect(requestedCost(schema, parse(TOO_DEAR), { date: DAY })).toBeGreaterThan(COST.maxPerQuery);
    const overSocket = new Subscription(connect(world.tokens.dispatcher).client, TOO_DEAR, { date: DAY });
    await overSocket.done;
    expect(codesOf(overSocket)).toEqual(['"code":"MAX_COST_EXCEEDED"']);

    const overSse = await sse(world.tokens.dispatcher, TOO_DEAR, { date: DAY });
    await overSse.ended;
    expect(overSse.text).toContain('"code":"MAX_COST_EXCEEDED"');
    expect(overSocket.received).toEqual([]);
  });

  it('charges a subscription its price once, when it subscribes: THROTTLED when the bucket cannot pay, events free', async () => {
    const price = requestedCost(schema, parse(SCHEDULE_CHANGED), { date: DAY });
    const shape = { maximumAvailable: Math.floor(price * 1.5), restoreRatePerSecond: 0.001 };
    const api = await TestApi.start(db, { buckets: memoryBuckets(memoryBucket(shape)) });
    const { client } = connect(world.tokens.dispatcher, await listen(api.app));
    const paid = new Subscription(client, SCHEDULE_CHANGED, { date: DAY, after: await latestSeq(world) });
    const unpaid = new Subscription(client, SCHEDULE_CHANGED, { date: DAY });
    await unpaid.done;
    expect(codesOf(unpaid)).toEqual(['"code":"THROTTLED"']);

    for (let i = 0; i < 3; i++) await createWorkOrder();
    await paid.waitFor(3);
    const viewer = await api.request(`{ viewer { name } }`, {}, world.tokens.dispatcher);
    expect((viewer as any).extensions.cost.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(shape.maximumAvailable - price - 2);
    paid.close();
    await client.dispose();
    await api.close();
  });

  it('refuses myAssignments to anyone but a technician when they subscribe, over graphql-ws and SSE', async () => {
    const query = `subscription { myAssignments { seq } }`;
    for (const token of [world.tokens.dispatcher, world.tokens.customer, world.tokens.readKey]) {
      const subscription = new Subscription(connect(token).client, query);
      await subscription.done;
      expect(codesOf(subscription)).toEqual(['"code":"FORBIDDEN"']);
    }
    const overSse = await sse(world.tokens.dispatcher, query, {});
    await overSse.ended;
    expect(overSse.text).toContain('"code":"FORBIDDEN"');
  });

  it('ends a subscriber that falls behind with a coded SUBSCRIBER_TOO_SLOW error for its id, and the socket goes on', async () => {
    const wo = await createWorkOrder();
    // Its creation, logged 3,000 times over: a replay far longer than the 1,024 events a reader may leave unread.
    const created = await db.prisma.workOrderEvent.findFirstOrThrow({ where: { organizationId: world.org.id }, orderBy: { seq: 'desc' } });
    const { seq: _seq, at: _at, before: _before, availabilityOverride: _override, after, ...copy } = created;
    await db.prisma.workOrderEvent.createMany({ data: Array.from({ length: 3_000 }, () => ({ ...copy, after: after ?? {} })) });
    const { client, closed } = connect(world.tokens.dispatcher);
    let socketClosed = false;
    void closed.then(() => (socketClosed = true));
    // Each message loads its work order: the socket is fed far slower than the replay reads the log.
    const behind = new Subscription(client, `subscription ($id: ID!, $after: String) { workOrderChanged(id: $id, after: $after) { seq workOrder { id customer { name } } } }`, {
      id: wo.id,
      after: String(created.seq - 1n),
    });
    await behind.done;
    expect(codesOf(behind)).toEqual(['"code":"SUBSCRIBER_TOO_SLOW"']);
    expect(behind.received.length).toBeGreaterThan(0);
    const live = new Subscription(client, SCHEDULE_CHANGED, { date: DAY, after: await latestSeq(world) });
    await createWorkOrder();
    await live.waitFor(1);
    expect(socketClosed).toBe(false);
    live.close();
  });

  it(`closes a socket that sends a message over ${MAX_BODY_BYTES} bytes with 1009`, async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${world.tokens.dispatcher}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { myAssignments { seq } } # ${'x'.repeat(MAX_BODY_BYTES)}` } }));
    expect(await closed).toBe(1009);
  });
});
