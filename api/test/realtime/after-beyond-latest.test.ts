import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { latestEventSeq } from '../../src/events/log.js';
import { openTestDatabase } from '../support/database.js';
import { SseStream } from '../support/sse.js';
import { CREATE_WORK_ORDER, createWorld, newWorkOrderInput, type World } from '../support/world.js';
import { listen, Subscription, wsClient } from '../support/ws-client.js';

const DAY = '2027-01-04';
const NOT_GIVEN = "No event you may see has this seq or a later one: resume from a seq this organization's log gave you (the last one you processed)";
const SUBSCRIPTIONS = {
  workOrdersChanged: `subscription ($after: String) { workOrdersChanged(after: $after) { seq } }`,
  scheduleChanged: `subscription ($after: String) { scheduleChanged(date: "${DAY}", after: $after) { seq } }`,
  workOrderChanged: `subscription ($after: String, $id: ID!) { workOrderChanged(id: $id, after: $after) { seq } }`,
};

describe('a subscription after a seq past the organization’s latest event is refused when it subscribes, naming the latest', () => {
  let db: Database;
  let world: World;
  let url: string;
  let workOrderId: string;

  const latest = async () => (await latestEventSeq(db.prisma, world.org.id)).toString();
  const createWorkOrder = async () =>
    (await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher)).createWorkOrder.workOrder;
  const sse = (path: string, token: string, query: string, variables: Record<string, unknown>) =>
    SseStream.open((target, init) => world.api.app.yoga.fetch(target, init), `http://test${path}`, token, query, variables);

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
    workOrderId = (await createWorkOrder()).id;
    await createWorkOrder();
    url = await listen(world.api.app);
  });
  afterAll(async () => {
    await world.api.close();
    await db.close();
  });

  it('answers BAD_USER_INPUT with the latest seq over a WebSocket, for every subscription, and sends nothing', async () => {
    const seq = await latest();
    const connection = wsClient(url, world.tokens.dispatcher);
    try {
      for (const [name, query] of Object.entries(SUBSCRIPTIONS)) {
        const subscription = new Subscription(connection.client, query, { after: '1000', id: workOrderId });
        await subscription.done;
        const errors = JSON.stringify(subscription.errors);
        expect(errors, name).toContain('"code":"BAD_USER_INPUT"');
        expect(errors, name).toContain(`"after: ${NOT_GIVEN}; its latest is seq ${seq}"`);
        expect(subscription.received, name).toEqual([]);
      }
    } finally {
      await connection.client.dispose();
    }
  });

  it('answers the same over server-sent events, on /graphql and on /graphql/stream', async () => {
    const seq = await latest();
    for (const path of ['/graphql', '/graphql/stream']) {
      const stream = await sse(path, world.tokens.dispatcher, SUBSCRIPTIONS.workOrdersChanged, { after: '1000' });
      await stream.waitFor('BAD_USER_INPUT');
      await stream.ended;
      expect(stream.text, path).toContain(`${NOT_GIVEN}; its latest is seq ${seq}`);
      expect(stream.text, path).not.toContain('"seq"');
    }
  });

  it('refuses even the seq right after the latest; a customer, who may not read lastEventSeq, is not told it', async () => {
    const seq = await latest();
    const after = String(BigInt(seq) + 1n);
    const technician = wsClient(url, world.tokens.technician);
    const portal = wsClient(url, world.tokens.customer);
    try {
      const theirs = new Subscription(technician.client, SUBSCRIPTIONS.workOrdersChanged, { after });
      const customers = new Subscription(portal.client, SUBSCRIPTIONS.workOrdersChanged, { after });
      await Promise.all([theirs.done, customers.done]);
      expect((await world.api.ok(`{ lastEventSeq }`, {}, world.tokens.technician)).lastEventSeq).toBe(seq);
      expect(JSON.stringify(theirs.errors)).toContain(`"after: ${NOT_GIVEN}; its latest is seq ${seq}"`);
      expect((await world.api.request(`{ lastEventSeq }`, {}, world.tokens.customer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const errors = JSON.stringify(customers.errors);
      expect(errors).toContain('"code":"BAD_USER_INPUT"');
      expect(errors).toContain(`"after: ${NOT_GIVEN}"`);
      expect(errors).not.toContain('its latest');
      expect([...theirs.received, ...customers.received]).toEqual([]);
    } finally {
      await technician.client.dispose();
      await portal.client.dispose();
    }
  });

  it('follows from the latest seq itself: the next change arrives, over a WebSocket and over SSE', async () => {
    const after = await latest();
    const connection = wsClient(url, world.tokens.dispatcher);
    const stream = await sse('/graphql', world.tokens.dispatcher, SUBSCRIPTIONS.workOrdersChanged, { after });
    try {
      const subscription = new Subscription(connection.client, SUBSCRIPTIONS.workOrdersChanged, { after });
      // Whenever the subscriptions start, a change after `after` reaches them: from the log, or live.
      await createWorkOrder();
      const [message] = await subscription.waitFor(1);
      expect(BigInt(message.workOrdersChanged.seq)).toBe(BigInt(after) + 1n);
      await stream.waitFor(`"seq":"${BigInt(after) + 1n}"`);
      expect(subscription.errors).toEqual([]);
    } finally {
      stream.close();
      await connection.client.dispose();
    }
  });
});
