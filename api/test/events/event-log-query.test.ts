import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, Subscription, wsClient } from '../support/ws-client.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, createWorld, customerInput, gid, transitionWorkOrder, type World } from '../support/world.js';

const EVENTS = `query ($first: Int, $after: String, $last: Int, $before: String, $afterSeq: String) {
  events(first: $first, after: $after, last: $last, before: $before, afterSeq: $afterSeq) {
    edges { cursor node { seq type workOrderId after { internalNotes } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const FOLLOW = `subscription { workOrdersChanged(after: "0") { seq event { workOrderId } } }`;
const REASSIGN = `mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename } }`;

interface Page {
  edges: { cursor: string; node: { seq: string; type: string; workOrderId: string; after: { internalNotes: string | null } } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe('the event log as a query (events)', () => {
  const { db, world } = worldForFile();
  let second: World;
  let url: string;
  /** Each work order's events in the order they were made, as { seq, workOrderId }. */
  const made: Record<'mine' | 'devons' | 'handedOver', string[]> = { mine: [], devons: [], handedOver: [] };
  const seqsOf = (wo: keyof typeof made, ...indexes: number[]) => indexes.map((i) => made[wo][i]!);

  const events = (token: string, variables: Record<string, unknown> = {}) => world.api.request<{ events: Page }>(EVENTS, variables, token);
  const page = async (token: string, variables: Record<string, unknown> = {}) => {
    const result = await events(token, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.events;
  };
  const lastSeq = async () => (await world.api.prisma.workOrderEvent.findFirstOrThrow({ where: { organizationId: world.org.id }, orderBy: { seq: 'desc' } })).seq.toString();

  /** Every event the caller can page through, first 2 at a time. */
  const pageThrough = async (token: string) => {
    const seqs: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { edges, pageInfo }: Page = await page(token, { first: 2, after });
      seqs.push(...edges.map((edge) => edge.node.seq));
      if (!pageInfo.hasNextPage) return seqs;
      after = pageInfo.endCursor;
    }
  };

  /** What the caller's workOrdersChanged subscription replays from the start, once `count` events are in. */
  const subscriptionDelivers = async (token: string, count: number) => {
    const { client } = wsClient(url, token);
    const subscription = new Subscription<{ workOrdersChanged: { seq: string } }>(client, FOLLOW);
    const received = await subscription.waitFor(count);
    subscription.close();
    await client.dispose();
    return received.map((message) => message.workOrdersChanged.seq);
  };

  const create = (technicianId: string, who: World['customer']) =>
    bookWorkOrder(world, { technicianId: gid('Technician', technicianId), ...customerInput(who) });

  beforeAll(async () => {
    second = await createWorld(db);
    url = await listen(world.api.app);
    const { technician, otherTechnician, customer, otherCustomer } = world;
    // Maria's job for Metro Plumbing: created, then on its way.
    const mine = await create(technician.id, customer);
    made.mine.push(await lastSeq());
    await transitionWorkOrder(world, mine.id, 'EN_ROUTE');
    made.mine.push(await lastSeq());
    // Devon's job for another customer.
    await create(otherTechnician.id, otherCustomer);
    made.devons.push(await lastSeq());
    // Maria's job handed over to Devon, who then sets off.
    const handedOver = await create(technician.id, otherCustomer);
    made.handedOver.push(await lastSeq());
    await world.api.ok(REASSIGN, { input: { id: handedOver.id, technicianId: gid('Technician', otherTechnician.id), internalNotes: 'For Devon only' } }, world.tokens.dispatcher);
    made.handedOver.push(await lastSeq());
    await transitionWorkOrder(world, handedOver.id, 'EN_ROUTE');
    made.handedOver.push(await lastSeq());
    // The other organization's activity.
    await bookWorkOrder(second);
  });
  afterAll(async () => {
    await second.api.close();
  });

  const sorted = (seqs: string[]) => [...seqs].sort((a, b) => Number(BigInt(a) - BigInt(b)));

  it.each([
    ['the technician: their jobs, and the one taken away up to the handover', 'technician', () => sorted([...seqsOf('mine', 0, 1), ...seqsOf('handedOver', 0, 1)])],
    ['the other technician: their jobs from the handover on', 'otherTechnician', () => sorted([...seqsOf('devons', 0), ...seqsOf('handedOver', 1, 2)])],
    ['the fleet customer: their own work orders only', 'customer', () => seqsOf('mine', 0, 1)],
    ['a dispatcher: the whole organization', 'dispatcher', () => sorted([...made.mine, ...made.devons, ...made.handedOver])],
    ['a read-only API key: the whole organization', 'readKey', () => sorted([...made.mine, ...made.devons, ...made.handedOver])],
  ] as const)('gives %s, exactly what the subscription delivers', async (_who, role, expected) => {
    const token = world.tokens[role];
    const seqs = await pageThrough(token);
    expect(seqs).toEqual(expected());
    expect(await subscriptionDelivers(token, seqs.length)).toEqual(seqs);
  });

  it("gives another organization's admin none of this organization's events", async () => {
    const seqs = await pageThrough(second.tokens.admin);
    // Its own first event, numbered in its own sequence.
    expect(seqs).toEqual(['1']);
    expect(await subscriptionDelivers(second.tokens.admin, 1)).toEqual(seqs);
  });

  it('shows the technician a job taken away from them as they had it, with only its new technician: nothing written in the same change', async () => {
    const HANDOVER = `query ($afterSeq: String) { events(afterSeq: $afterSeq, first: 1) { edges { node { seq type after { technicianId internalNotes } } } } }`;
    const handover = async (token: string) =>
      (await world.api.ok(HANDOVER, { afterSeq: made.handedOver[0] }, token)).events.edges[0].node as { seq: string; type: string; after: { technicianId: string; internalNotes: string | null } };
    const toDevon = gid('Technician', world.otherTechnician.id);
    const seen = await handover(world.tokens.technician);
    expect(seen).toMatchObject({ seq: made.handedOver[1], type: 'REASSIGNED', after: { technicianId: toDevon } });
    expect(seen.after.internalNotes).not.toBe('For Devon only');
    expect((await handover(world.tokens.otherTechnician)).after).toEqual({ technicianId: toDevon, internalNotes: 'For Devon only' });
    expect((await handover(world.tokens.dispatcher)).after.internalNotes).toBe('For Devon only');
  });

  it('shows a customer no internal note, as the subscription does', async () => {
    const { edges } = await page(world.tokens.customer);
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) expect(edge.node.after.internalNotes).toBeNull();
    expect((await page(world.tokens.dispatcher)).edges[0]!.node.after.internalNotes).not.toBeNull();
  });

  it.each([
    ['a write-only key', ['WRITE_WORK_ORDERS']],
    ['a customers key', ['WRITE_CUSTOMERS']],
    ['a settings key', ['WRITE_SETTINGS']],
  ] as const)('refuses %s, as its subscription is refused', async (_what, scopes) => {
    const key = await world.api.apiKey(world.org.id, [...scopes]);
    const result = await events(key);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { client } = wsClient(url, key);
    const subscription = new Subscription(client, FOLLOW);
    await subscription.done;
    expect(JSON.stringify(subscription.errors)).toContain('FORBIDDEN');
    await client.dispose();
  });

  it('refuses a signed-out caller', async () => {
    const result = await world.api.request(EVENTS, {});
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('pages forward and backward through every event once, in seq order', async () => {
    const all = await pageThrough(world.tokens.dispatcher);
    expect(all).toHaveLength(6);
    expect(new Set(all).size).toBe(6);
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const { edges, pageInfo }: Page = await page(world.tokens.dispatcher, { last: 4, before });
      backward.unshift(...edges.map((edge) => edge.node.seq));
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
  });

  it('follows on from a seq taken from a subscription with afterSeq, and pages within it', async () => {
    const all = await pageThrough(world.tokens.dispatcher);
    const first = await page(world.tokens.dispatcher, { afterSeq: all[1], first: 3 });
    expect(first.edges.map((edge) => edge.node.seq)).toEqual(all.slice(2, 5));
    const rest = await page(world.tokens.dispatcher, { afterSeq: all[1], after: first.pageInfo.endCursor });
    expect(rest.edges.map((edge) => edge.node.seq)).toEqual(all.slice(5));
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect((await page(world.tokens.dispatcher, { afterSeq: all.at(-1) })).edges).toEqual([]);
  });

  const NOT_GIVEN = "afterSeq: No event you may see has this seq or a later one: resume from a seq this organization's log gave you (the last one you processed)";

  it("refuses afterSeq past the organization's latest event, another organization's seq included, and never pages into its events", async () => {
    const latest = await lastSeq();
    const past = String(BigInt(latest) + 1n);
    for (const afterSeq of [past, '9223372036854775807']) {
      const result = await events(world.tokens.dispatcher, { afterSeq });
      expect(result.data ?? null, afterSeq).toBeNull();
      expect(result.errors?.[0], afterSeq).toMatchObject({ message: `${NOT_GIVEN}; its latest is seq ${latest}`, extensions: { code: 'BAD_USER_INPUT' } });
    }
    // The other organization has one event, seq 1: this organization's latest is not one of its seqs, and a
    // seq both have pages through its own events only.
    expect(BigInt(latest)).toBeGreaterThan(1n);
    expect((await second.api.request(EVENTS, { afterSeq: latest }, second.tokens.dispatcher)).errors?.[0]).toMatchObject({ message: `${NOT_GIVEN}; its latest is seq 1` });
    const theirs = await second.api.ok(EVENTS, { afterSeq: '0' }, second.tokens.dispatcher);
    expect(theirs.events.edges.map((edge: Page['edges'][number]) => edge.node.seq)).toEqual(['1']);
    expect((await second.api.ok(EVENTS, { afterSeq: '1' }, second.tokens.dispatcher)).events.edges).toEqual([]);
    const ours = (await page(world.tokens.dispatcher, { afterSeq: '0', first: 100 })).edges.map((edge) => edge.node.workOrderId);
    const secondsJob = await db.prisma.workOrderEvent.findFirstOrThrow({ where: { organizationId: second.org.id } });
    expect(ours).not.toContain(secondsJob.workOrderId);
  });

  it('bounds afterSeq by the events a customer may see, not by the organization\'s latest, which is not theirs to learn', async () => {
    const [first, last] = seqsOf('mine', 0, 1);
    expect((await page(world.tokens.customer, { afterSeq: first })).edges.map((edge) => edge.node.seq)).toEqual([last]);
    expect((await page(world.tokens.customer, { afterSeq: last })).edges).toEqual([]);
    // Seqs of the organization's later events: a dispatcher resumes after them, the customer was never given them.
    const later = String(BigInt(last!) + 1n);
    expect(BigInt(later)).toBeLessThanOrEqual(BigInt(await lastSeq()));
    expect((await page(world.tokens.dispatcher, { afterSeq: later })).edges.length).toBeGreaterThan(0);
    expect((await events(world.tokens.customer, { afterSeq: later })).errors?.[0]).toMatchObject({ message: NOT_GIVEN, extensions: { code: 'BAD_USER_INPUT' } });
    // A technician reads lastEventSeq, so resumes after the organization's latest, beyond their own jobs' events.
    expect((await page(world.tokens.technician, { afterSeq: await lastSeq() })).edges).toEqual([]);
  });

  it('refuses a subscription after a seq past the latest, instead of dropping every event until the log gets there', async () => {
    const { client } = wsClient(url, world.tokens.dispatcher);
    const subscription = new Subscription(client, `subscription ($after: String) { workOrdersChanged(after: $after) { seq } }`, { after: String(BigInt(await lastSeq()) + 1n) });
    await subscription.done;
    expect(JSON.stringify(subscription.errors)).toContain('after: No event you may see has this seq or a later one');
    expect(JSON.stringify(subscription.errors)).toContain('BAD_USER_INPUT');
    await client.dispose();
  });

  it('picks up an event committed after the last page from the kept endCursor', async () => {
    const { pageInfo } = await page(world.tokens.technician, { first: 100 });
    const mine = await world.api.prisma.workOrderEvent.findFirstOrThrow({ where: { organizationId: world.org.id, seq: BigInt(made.mine[0]!) } });
    await transitionWorkOrder(world, gid('WorkOrder', mine.workOrderId), 'ON_SITE');
    const next = await page(world.tokens.technician, { after: pageInfo.endCursor });
    expect(next.edges.map((edge) => edge.node.type)).toEqual(['STATUS_CHANGED']);
    expect(next.edges[0]!.node.seq).toBe(await lastSeq());
  });

  it.each([
    ['another caller of the same organization', (cursor: string) => events(world.tokens.technician, { after: cursor })],
    ['the same role in another organization', (cursor: string) => events(second.tokens.dispatcher, { after: cursor })],
    ['the same caller with another afterSeq', (cursor: string) => events(world.tokens.dispatcher, { after: cursor, afterSeq: '1' })],
    ['the same caller, altered', (cursor: string) => events(world.tokens.dispatcher, { after: `${Buffer.from('["1"]').toString('base64url')}${cursor.slice(cursor.indexOf('.'))}` })],
    ['the same caller as `before`, altered', (cursor: string) => events(world.tokens.dispatcher, { before: `x${cursor}` })],
  ])('refuses a cursor used by %s', async (_who, use) => {
    const { pageInfo } = await page(world.tokens.dispatcher, { first: 2 });
    const result = await use(pageInfo.endCursor!);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("refuses a cursor of another list (the caller's own work orders)", async () => {
    const data = await world.api.ok(`{ workOrders(first: 1) { pageInfo { endCursor } } }`, {}, world.tokens.dispatcher);
    const result = await events(world.tokens.dispatcher, { after: data.workOrders.pageInfo.endCursor });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each(['-1', '1.5', 'abc', '', '9223372036854775808', '1e3', ' 1'])('refuses afterSeq %j', async (afterSeq) => {
    const result = await events(world.tokens.dispatcher, { afterSeq });
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([{ first: -1 }, { last: -1 }])('refuses page size %j', async (size) => {
    const result = await events(world.tokens.dispatcher, size);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
