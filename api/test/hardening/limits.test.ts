import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { memoryBucket, redisBucket } from '../../src/limits/bucket.js';
import { memoryBuckets } from '../../src/limits/buckets.js';
import { COST, THROTTLE } from '../../src/limits/policy.js';
import { TestApi } from '../support/api.js';
import { worldForFile } from '../support/world-for-file.js';
import { CREATE_WORK_ORDER, gid, newWorkOrderInput } from '../support/world.js';

describe('query limits and throttling', () => {
  const { db, world } = worldForFile();
  const post = async (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    world.api.app.yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('reports the cost on every response: a connection costs 2 plus first × its selection', async () => {
    const result = await world.api.request(`{ customers(first: 10) { edges { node { id name } } } }`, {}, world.tokens.dispatcher);
    const cost = (result as { extensions?: { cost?: Record<string, any> } }).extensions?.cost;
    expect(cost?.requestedQueryCost).toBe(COST.connection + 10 * COST.objectField);
    expect(cost?.actualQueryCost).toBe(1 + 2 * 2); // the connection object and two customers with their edges
    expect(cost?.throttleStatus).toMatchObject({ maximumAvailable: THROTTLE.maximumAvailable, restoreRate: THROTTLE.restoreRatePerSecond });
    expect(cost?.throttleStatus.currentlyAvailable).toBeLessThanOrEqual(THROTTLE.maximumAvailable);
  });

  it('prices a connection without `first` at the default page size, and returns at most that many', async () => {
    const result = await world.api.request(`{ workOrders { edges { node { id } } } }`, {}, world.tokens.dispatcher);
    expect((result as any).extensions.cost.requestedQueryCost).toBe(COST.connection + COST.defaultPageSize * COST.objectField);
  });

  it('refuses a query over the per-query maximum without running it', async () => {
    const result = await world.api.request(
      `{ customers(first: 100) { edges { node { workOrders(first: 100) { edges { node { events { before { status } after { status } } } } } } } } }`,
      {},
      world.tokens.dispatcher,
    );
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('MAX_COST_EXCEEDED');
  });

  it('runs and prices the operation named in operationName, whichever of the document\'s operations ran before', async () => {
    const document = `query Cheap { viewer { name } }
      query Dear { customers(first: 50) { edges { node { name } } } }`;
    const ask = async (operationName: string) =>
      (await post({ query: document, operationName }, { authorization: `Bearer ${world.tokens.dispatcher}` }).then((r) => r.json())) as any;
    const dear = await ask('Dear');
    const cheap = await ask('Cheap');
    const dearAgain = await ask('Dear');
    expect(Object.keys(cheap.data)).toEqual(['viewer']);
    expect(Object.keys(dear.data)).toEqual(['customers']);
    expect(dearAgain.data).toEqual(dear.data);
    expect(cheap.extensions.cost.requestedQueryCost).toBeLessThan(dear.extensions.cost.requestedQueryCost);
  });

  it('throttles a caller whose bucket cannot pay with THROTTLED, and executes nothing', async () => {
    const small = { maximumAvailable: 40, restoreRatePerSecond: 0.001 };
    const api = await TestApi.start(db, { buckets: memoryBuckets(memoryBucket(small)) });
    const priced = await api.request(`{ customers(first: 30) { edges { node { id } } } }`, {}, world.tokens.dispatcher);
    expect((priced as any).extensions.cost.requestedQueryCost).toBe(32);
    const before = await db.prisma.workOrder.count({ where: { organizationId: world.org.id } });
    const refused = await api.request(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher);
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED', cost: { actualQueryCost: 0, throttleStatus: { maximumAvailable: 40 } } });
    expect(await db.prisma.workOrder.count({ where: { organizationId: world.org.id } })).toBe(before);
    // Another caller has a bucket of its own.
    expect((await api.request(`{ viewer { name } }`, {}, world.tokens.admin)).errors).toBeUndefined();
    await api.close();
  });

  it('shares one bucket across API instances through Redis', async () => {
    const redisA = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const redisB = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const shape = { maximumAvailable: 100, restoreRatePerSecond: 0.001 };
    const prefix = `test:${randomUUID()}`;
    const [a, b] = [redisBucket(redisA, prefix, shape), redisBucket(redisB, prefix, shape)];
    expect((await a.take('user:1', 80)).allowed).toBe(true);
    expect(await b.take('user:1', 30)).toMatchObject({ allowed: false, currentlyAvailable: 20 });
    await a.refund('user:1', 500);
    expect((await b.take('user:1', 100)).allowed).toBe(true);
    await Promise.all([redisA.quit(), redisB.quit()]);
  });

  it('refills a bucket at its restore rate, never above its maximum', async () => {
    let now = 0;
    const bucket = memoryBucket({ maximumAvailable: 100, restoreRatePerSecond: 10 }, () => now);
    expect((await bucket.take('k', 100)).allowed).toBe(true);
    expect((await bucket.take('k', 1)).allowed).toBe(false);
    now += 2_000;
    expect(await bucket.take('k', 15)).toEqual({ allowed: true, currentlyAvailable: 5 });
    now += 60_000;
    expect(await bucket.take('k', 0)).toEqual({ allowed: true, currentlyAvailable: 100 });
  });

  it('refuses deep nesting, alias floods and field suggestions', async () => {
    const deep = `{ workOrders(first: 1) { edges { node { customer { workOrders(first: 1) { edges { node { customer { workOrders(first: 1) { edges { node { customer { name } } } } } } } } } } } } }`;
    expect((await world.api.request(deep, {}, world.tokens.dispatcher)).errors?.[0]?.message).toMatch(/depth/i);
    const aliases = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: viewer { name }`).join(' ')} }`;
    expect((await world.api.request(aliases, {}, world.tokens.dispatcher)).errors?.[0]?.message).toMatch(/alias/i);
    const typo = await world.api.request(`{ viewr { name } }`, {}, world.tokens.dispatcher);
    expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
  });

  it('measures depth on the selection as it executes: fragment spreads are not levels', async () => {
    // Relay-compiled shape: real depth 5 (workOrders, edges, node, customer, name) through eight nested fragments.
    const relayLike = `query Board { workOrders(first: 1) { edges { node { ...W1 } } } }
      fragment W1 on WorkOrder { ...W2 } fragment W2 on WorkOrder { ...W3 } fragment W3 on WorkOrder { ...W4 }
      fragment W4 on WorkOrder { customer { ...C1 } }
      fragment C1 on Customer { ...C2 } fragment C2 on Customer { ... on Customer { ...C3 } } fragment C3 on Customer { ...C4 }
      fragment C4 on Customer { name }`;
    const passed = await world.api.request(relayLike, {}, world.tokens.dispatcher);
    expect(passed.errors).toBeUndefined();
    expect(passed.data.workOrders.edges).toBeInstanceOf(Array);

    const reallyDeep = `query { workOrders(first: 1) { edges { node { ...Deep } } } }
      fragment Deep on WorkOrder { customer { workOrders(first: 1) { edges { node { ...Deeper } } } } }
      fragment Deeper on WorkOrder { customer { workOrders(first: 1) { edges { node { customer { name } } } } } }`;
    const refused = await world.api.request(reallyDeep, {}, world.tokens.dispatcher);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/depth limit of 12 exceeded, found 13/), extensions: { code: 'QUERY_LIMIT_EXCEEDED' } });
  });

  it('bounds every list argument, nested in an input or not, at 100 items, and runs nothing over it', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => gid('WorkOrder', `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    const over = await world.api.request(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ids(COST.maxListArgumentLength + 1) }, world.tokens.dispatcher);
    expect(over.data).toBeUndefined();
    expect(over.errors?.[0]).toMatchObject({ message: 'nodes(ids) may hold at most 100 items, not 101', extensions: { code: 'BAD_USER_INPUT' } });
    const inline = await world.api.request(`{ nodes(ids: [${ids(200).map((id) => `"${id}"`).join(',')}]) { id } }`, {}, world.tokens.dispatcher);
    expect(inline.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const statuses = Array.from({ length: 101 }, () => 'SCHEDULED');
    const filter = await world.api.request(`query ($s: [WorkOrderStatus!]) { workOrders(filter: { statuses: $s }) { edges { node { id } } } }`, { s: statuses }, world.tokens.dispatcher);
    expect(filter.errors?.[0]).toMatchObject({ message: 'workOrders(filter).statuses may hold at most 100 items, not 101', extensions: { code: 'BAD_USER_INPUT' } });

    const keys = await db.prisma.apiKey.count({ where: { organizationId: world.org.id } });
    const scopes = Array.from({ length: 101 }, () => 'READ');
    const key = await world.api.request(`mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename } }`, { input: { name: 'Flood', scopes } }, world.tokens.admin);
    expect(key.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await db.prisma.apiKey.count({ where: { organizationId: world.org.id } })).toBe(keys);
  });

  it('prices a list field taking a list argument by its length: nodes(ids:) costs per ID asked for', async () => {
    const customer = gid('Customer', world.customer.customer.id);
    const price = async (count: number) => {
      const result = await world.api.request(`query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { vehicles { id } } } }`, { ids: Array.from({ length: count }, () => customer) }, world.tokens.dispatcher);
      expect(result.errors).toBeUndefined();
      return (result as any).extensions.cost.requestedQueryCost;
    };
    const perCustomer = COST.objectField + COST.listLength * COST.objectField;
    expect(await price(1)).toBe(perCustomer);
    expect(await price(100)).toBe(100 * perCustomer);
  });

  it('refuses a request a browser form could forge (CSRF), but not a JSON or bearer-token client', async () => {
    const forged = await world.api.app.yoga.fetch('http://test/graphql?query=%7Bviewer%7Bname%7D%7D', { method: 'GET' });
    expect(forged.status).toBe(403);
    const form = await world.api.app.yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{viewer{name}}"}' });
    expect(form.status).toBe(403);
    expect((await post({ query: '{ viewer { name } }' })).status).toBe(200);
    const get = await world.api.app.yoga.fetch('http://test/graphql?query=%7Bviewer%7Bname%7D%7D', { headers: { authorization: `Bearer ${world.tokens.dispatcher}` } });
    expect(((await get.json()) as any).data.viewer.name).toBe('DISPATCHER user');
  });

  it('answers /healthz and /readyz', async () => {
    expect((await world.api.app.yoga.fetch('http://test/healthz')).status).toBe(200);
    expect((await world.api.app.yoga.fetch('http://test/readyz')).status).toBe(200);
  });
});
