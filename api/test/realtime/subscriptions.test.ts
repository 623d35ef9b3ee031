import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey, revokeApiKey } from '../support/credentials.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, customerInput, gid, latestSeq, transitionWorkOrder } from '../support/world.js';
import { SCHEDULE_CHANGED, Subscription, listen, wsClient } from '../support/ws-client.js';

const DAY = '2027-05-10';
let hour = 0;
/** A work order on DAY (America/Chicago), each in an hour of its own. */
const onDay = (overrides: Record<string, unknown> = {}) =>
  ({ windowStart: new Date(Date.UTC(2027, 4, 10, 13) + hour++ * 20 * 60_000).toISOString(), durationMinutes: 15, ...overrides });

describe('subscriptions over graphql-ws', () => {
  const { db, world } = worldForFile();
  let url: string;
  const clients: { client: { dispose(): unknown } }[] = [];

  const connect = (token: string | null) => {
    const connection = wsClient(url, token);
    clients.push(connection);
    return connection;
  };
  const subscribeSchedule = (token: string, after?: string) =>
    new Subscription(connect(token).client, SCHEDULE_CHANGED, { date: DAY, after });

  beforeAll(async () => {
    url = await listen(world.api.app);
  });
  afterAll(async () => {
    clients.forEach(({ client }) => client.dispose());
  });

  it('delivers a change made anywhere to a subscriber of the day, with its sequence number and the work order', async () => {
    const subscription = subscribeSchedule(world.tokens.dispatcher, await latestSeq(world));
    const wo = await bookWorkOrder(world, onDay());
    const [message] = await subscription.waitFor(1);
    expect(message.scheduleChanged.workOrder).toMatchObject({ id: wo.id, status: 'SCHEDULED' });
    expect(message.scheduleChanged.event.type).toBe('CREATED');
    expect(BigInt(message.scheduleChanged.seq)).toBeGreaterThan(0n);
    subscription.close();
  });

  it('follows every change of any day from lastEventSeq, and a customer only the changes to their own jobs', async () => {
    const { lastEventSeq } = await world.api.ok('{ lastEventSeq }', {}, world.tokens.dispatcher);
    expect(lastEventSeq).toBe(await latestSeq(world));
    // The organization's activity volume is not the customer's to read.
    const refused = await world.api.request('{ lastEventSeq }', {}, world.tokens.customer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const query = `subscription ($after: String) { workOrdersChanged(after: $after) { seq workOrder { id } } }`;
    const office = new Subscription(connect(world.tokens.dispatcher).client, query, { after: lastEventSeq });
    const customer = new Subscription(connect(world.tokens.customer).client, query, { after: lastEventSeq });
    const otherCustomersJob = await bookWorkOrder(world, onDay(customerInput(world.otherCustomer)));
    const ownJobNextYear = await bookWorkOrder(world, { windowStart: '2028-02-01T15:00:00.000Z' });
    const seen = await office.waitFor(2);
    expect(seen.map((m) => m.workOrdersChanged.workOrder.id)).toEqual([otherCustomersJob.id, ownJobNextYear.id]);
    const [theirs] = await customer.waitFor(1);
    expect(theirs.workOrdersChanged.workOrder.id).toBe(ownJobNextYear.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(customer.received).toHaveLength(1);
    office.close();
    customer.close();
  });

  it('resumes after a disconnect with exactly the changes it missed, in order, then live ones', async () => {
    const first = subscribeSchedule(world.tokens.dispatcher, await latestSeq(world));
    await bookWorkOrder(world, onDay());
    const [seen] = await first.waitFor(1);
    first.close();
    const lastSeq = seen.scheduleChanged.seq;

    const missed = [];
    for (let i = 0; i < 10; i++) missed.push((await bookWorkOrder(world, onDay())).id);
    const resumed = subscribeSchedule(world.tokens.dispatcher, lastSeq);
    const replayed = await resumed.waitFor(10);
    expect(replayed.map((m) => m.scheduleChanged.workOrder.id)).toEqual(missed);
    const seqs = replayed.map((m) => BigInt(m.scheduleChanged.seq));
    expect(seqs.every((seq, i) => seq > (i === 0 ? BigInt(lastSeq) : seqs[i - 1]!))).toBe(true);

    const live = await bookWorkOrder(world, onDay());
    const all = await resumed.waitFor(11);
    expect(all[10].scheduleChanged.workOrder.id).toBe(live.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.received).toHaveLength(11);
    resumed.close();
  });

  it('delivers events committed while the replay runs exactly once', async () => {
    const start = await db.prisma.workOrderEvent.findFirstOrThrow({ where: { organizationId: world.org.id }, orderBy: { seq: 'desc' } });
    const writes = Promise.all(Array.from({ length: 10 }, () => bookWorkOrder(world, onDay())));
    const resumed = subscribeSchedule(world.tokens.dispatcher, start.seq.toString());
    await writes;
    const expected = await db.prisma.workOrderEvent.count({ where: { organizationId: world.org.id, seq: { gt: start.seq } } });
    const received = await resumed.waitFor(expected);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resumed.received).toHaveLength(expected);
    const seqs = received.map((m) => m.scheduleChanged.seq);
    expect(new Set(seqs).size).toBe(expected);
    expect(seqs.map(BigInt)).toEqual([...seqs.map(BigInt)].sort((a, b) => (a < b ? -1 : 1)));
    resumed.close();
  });

  it('includes a work order moved out of the day', async () => {
    const wo = await bookWorkOrder(world, onDay());
    const subscription = subscribeSchedule(world.tokens.dispatcher, await latestSeq(world));
    await world.api.ok(
      `mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename } }`,
      { input: { id: wo.id, windowStart: '2027-05-12T15:00:00Z' } },
      world.tokens.dispatcher,
    );
    const [message] = await subscription.waitFor(1);
    expect(message.scheduleChanged).toMatchObject({ event: { type: 'RESCHEDULED' }, workOrder: { id: wo.id } });
    subscription.close();
  });

  it("sends a customer only their own work orders' changes, and never an internal note; the schedule's changes not at all", async () => {
    const schedule = subscribeSchedule(world.tokens.customer, await latestSeq(world));
    await schedule.done;
    expect(JSON.stringify(schedule.errors)).toContain('FORBIDDEN');
    const subscription = new Subscription(
      connect(world.tokens.customer).client,
      `subscription ($after: String) { workOrdersChanged(after: $after) { workOrder { id customerNotes internalNotes } event { type } } }`,
      { after: await latestSeq(world) },
    );
    const stranger = await bookWorkOrder(world, onDay({ ...customerInput(world.otherCustomer), technicianId: gid('Technician', world.otherTechnician.id) }));
    await transitionWorkOrder(world, stranger.id, 'EN_ROUTE');
    const own = await bookWorkOrder(world, onDay());
    await transitionWorkOrder(world, own.id, 'EN_ROUTE');

    const messages = await subscription.waitFor(2);
    expect(messages.map((m) => m.workOrdersChanged.workOrder.id)).toEqual([own.id, own.id]);
    expect(messages.map((m) => m.workOrdersChanged.event.type)).toEqual(['CREATED', 'STATUS_CHANGED']);
    expect(messages[0].workOrdersChanged.workOrder.customerNotes).toBe('Gate is on the north side.');
    expect(JSON.stringify(subscription.received)).not.toContain('Owes for last visit');
    expect(JSON.stringify(subscription.received)).not.toContain(stranger.id);
    subscription.close();
  });

  it('shares the work of a change only between viewers who may see the same, whatever `after` each passed', async () => {
    await bookWorkOrder(world, onDay());
    await bookWorkOrder(world, onDay());
    const [latest, previous] = await db.prisma.workOrderEvent.findMany({ where: { organizationId: world.org.id }, orderBy: { seq: 'desc' }, take: 2 });
    const secondDispatcher = await world.api.signIn(world.org.id, 'DISPATCHER');
    const dispatcher = subscribeSchedule(world.tokens.dispatcher, latest!.seq.toString());
    const resumingDispatcher = subscribeSchedule(secondDispatcher, previous!.seq.toString());
    const technician = subscribeSchedule(world.tokens.technician, latest!.seq.toString());
    const otherTechnician = subscribeSchedule(world.tokens.otherTechnician, latest!.seq.toString());
    await resumingDispatcher.waitFor(1);

    const wo = await bookWorkOrder(world, onDay());
    const [forDispatcher] = await dispatcher.waitFor(1);
    const [, forResumingDispatcher] = await resumingDispatcher.waitFor(2);
    const [forTechnician] = await technician.waitFor(1);
    expect(forDispatcher.scheduleChanged.workOrder).toMatchObject({ id: wo.id, internalNotes: 'Owes for last visit; collect before starting.' });
    expect(forResumingDispatcher).toEqual(forDispatcher);
    expect(forTechnician.scheduleChanged.workOrder).toMatchObject({ id: wo.id, customerNotes: 'Gate is on the north side.' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(otherTechnician.received).toEqual([]);
    [dispatcher, resumingDispatcher, technician, otherTechnician].forEach((subscription) => subscription.close());
  });

  it('tells a technician a job was taken away from them, and shows them nothing of it as it is now', async () => {
    const wo = await bookWorkOrder(world, onDay());
    const connection = connect(world.tokens.technician);
    const subscription = new Subscription(
      connection.client,
      `subscription ($after: String) { myAssignments(after: $after) {
        seq event { type workOrderId workOrder { id internalNotes customer { name } } } workOrder { id internalNotes } } }`,
      { after: await latestSeq(world) },
    );
    await world.api.ok(
      `mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename } }`,
      { input: { id: wo.id, technicianId: gid('Technician', world.otherTechnician.id), internalNotes: 'Gate code 4471' } },
      world.tokens.dispatcher,
    );
    const [message] = await subscription.waitFor(1);
    expect(message.myAssignments.event).toEqual({ type: 'REASSIGNED', workOrderId: wo.id, workOrder: null });
    expect(message.myAssignments.workOrder).toBeNull();
    expect(JSON.stringify(message)).not.toContain('Gate code 4471');
    subscription.close();
  });

  it('refuses a bad token or none with 4403', async () => {
    expect(await connect('not-a-token').closed).toBe(4403);
    expect(await connect(null).closed).toBe(4403);
  });

  it("ends an API key's open subscription when the key is revoked", async () => {
    const { secret, id } = await issueApiKey(world.api, world.tokens.admin, 'Fleet board');
    const connection = connect(secret);
    const subscription = new Subscription(connection.client, SCHEDULE_CHANGED, { date: DAY, after: await latestSeq(world) });
    await bookWorkOrder(world, onDay());
    await subscription.waitFor(1);
    await revokeApiKey(world.api, world.tokens.admin, id);
    expect(await connection.closed).toBe(4403);
    expect(await connect(secret).closed).toBe(4403);
  });

  it('leaves no listener, socket or database connection behind after 500 subscribe/disconnect cycles', async () => {
    const start = await db.prisma.workOrderEvent.findFirstOrThrow({ where: { organizationId: world.org.id }, orderBy: { seq: 'desc' } });
    const after = (start.seq - 1n).toString();
    const cycle = async () => {
      const { client, closed } = wsClient(url, world.tokens.dispatcher);
      const subscription = new Subscription(client, SCHEDULE_CHANGED, { date: DAY, after });
      await subscription.waitFor(1);
      subscription.close();
      await client.dispose();
      await closed;
    };
    const connections = async () =>
      (await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()`)[0]!.n;
    const settle = async (check: () => boolean) => {
      for (let i = 0; i < 50 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    };

    for (let i = 0; i < 20; i++) await cycle();
    await settle(() => world.api.app.socketCount() === 0);
    const before = { listeners: world.api.app.feed.listenerCount(), sockets: world.api.app.socketCount(), db: await connections() };
    for (let i = 0; i < 500; i++) await cycle();
    await settle(() => world.api.app.socketCount() === before.sockets && world.api.app.feed.listenerCount() === before.listeners);
    expect(world.api.app.feed.listenerCount()).toBe(before.listeners);
    expect(world.api.app.socketCount()).toBe(before.sockets);
    expect(await connections()).toBeLessThanOrEqual(before.db);
  }, 120_000);
});
