import { getIntrospectionQuery } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryBucket } from '../../src/limits/bucket.js';
import { memoryBuckets } from '../../src/limits/buckets.js';
import { COST, MAX_BODY_BYTES } from '../../src/limits/policy.js';
import { TestApi } from '../support/api.js';
import { worldForFile } from '../support/world-for-file.js';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';
const FULL_INTROSPECTION = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
});

describe('GraphQL over HTTP: status codes, error codes, body limit, CORS, introspection', () => {
  const { db, world } = worldForFile();

  const post = (api: TestApi, body: unknown, headers: Record<string, string> = {}) =>
    api.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const ask = async (query: string, variables: Record<string, unknown> = {}, token: string | null = world.tokens.dispatcher, api = world.api) => {
    const response = await post(api, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('answers a refused operation (no data) with 400 under application/graphql-response+json, 200 under application/json', async () => {
    const tooDear = `{ customers(first: 100) { edges { node { workOrders(first: 100) { edges { node { events { before { status } } } } } } } } }`;
    const cost = await ask(tooDear);
    expect(cost.status).toBe(400);
    expect(cost.body.data).toBeUndefined();
    expect(cost.body.errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');

    const legacy = await post(world.api, { query: tooDear }, { accept: 'application/json', authorization: `Bearer ${world.tokens.dispatcher}` });
    expect(legacy.status).toBe(200);
    expect(((await legacy.json()) as any).errors[0].extensions.code).toBe('MAX_COST_EXCEEDED');

    const limits = [
      `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: viewer { name }`).join(' ')} }`,
      `{ viewer ${Array.from({ length: 21 }, () => '@include(if: true)').join(' ')} { name } }`,
      `{ workOrders(first: 1) { edges { node { customer { workOrders(first: 1) { edges { node { customer { workOrders(first: 1) { edges { node { customer { name } } } } } } } } } } } } }`,
    ];
    for (const query of limits) {
      const refused = await ask(query);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toMatchObject({ extensions: { code: 'QUERY_LIMIT_EXCEEDED' } });
      expect(refused.body.errors[0].message).not.toMatch(/syntax error/i);
    }

    const badVariable = await ask(`query ($s: [WorkOrderStatus!]) { workOrders(filter: { statuses: $s }) { edges { node { id } } } }`, { s: ['NOPE'] });
    expect(badVariable.status).toBe(400);
    expect(badVariable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const nul = await ask(`{ customers(search: "a\\u0000b") { edges { node { id } } } }`);
    expect(nul.status).toBe(400);
    expect(nul.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers THROTTLED with 429 and Retry-After: the seconds until the bucket holds the price again', async () => {
    const api = await TestApi.start(db, { buckets: memoryBuckets(memoryBucket({ maximumAvailable: 40, restoreRatePerSecond: 0.5 })) });
    const query = `{ customers(first: 30) { edges { node { id } } } }`;
    const token = await api.signIn(world.org.id, 'DISPATCHER');
    // Two customers come back, so most of the first price is refunded: three requests drain the bucket.
    let throttled;
    for (let i = 0; i < 10 && !throttled; i++) {
      const answer = await ask(query, {}, token, api);
      if (answer.status === 429) throttled = answer;
    }
    expect(throttled).toBeDefined();
    const { requestedQueryCost, throttleStatus } = throttled!.body.errors[0].extensions.cost;
    expect(throttled!.body.errors[0].extensions.code).toBe('THROTTLED');
    expect(throttled!.body.data).toBeUndefined();
    expect(Number(throttled!.headers.get('retry-after'))).toBe(Math.ceil((requestedQueryCost - throttleStatus.currentlyAvailable) / 0.5));
    await api.close();
  });

  it('gives every top-level error a code, whatever raised it', async () => {
    const operations: [string, Record<string, unknown>?][] = [
      [`{ workOrders(first: -1) { edges { node { id } } } }`],
      [`{ workOrders(after: "not-a-cursor") { edges { node { id } } } }`],
      [`{ node(id: "not-an-id") { id } }`],
      [`{ nodes(ids: ["nope"]) { id } }`],
      [`query ($first: Int) { workOrders(first: $first) { edges { node { id } } } }`, { first: 'ten' }],
      [`query A { viewer { name } } query B { viewer { name } }`],
      [`{ viewer { name }`],
      [`{ noSuchField }`],
      [`{ ${Array.from({ length: 30 }, (_, i) => `a${i}: viewer { name }`).join(' ')} }`],
      [`{ nodes(ids: [${Array.from({ length: 101 }, () => '"x"').join(', ')}]) { id } }`],
    ];
    for (const [query, variables] of operations) {
      const { body } = await ask(query, variables);
      expect(body.errors?.length, query).toBeGreaterThan(0);
      for (const error of body.errors) expect(error.extensions?.code, `${query}: ${error.message}`).toMatch(/^[A-Z_]+$/);
    }
  });

  it('suggests no name of the schema or of an enum value, in a literal or in a variable', async () => {
    const answers = await Promise.all([
      ask(`{ workOrders(filter: { statuses: [COMPLETE] }) { edges { node { id } } } }`),
      ask(`query ($s: [WorkOrderStatus!]) { workOrders(filter: { statuses: $s }) { edges { node { id } } } }`, { s: ['COMPLETE'] }),
      ask(`{ viewr { name } }`),
      ask(`{ workOrders(frist: 1) { edges { node { id } } } }`),
      ask(`{ workOrders(filter: { statuss: [COMPLETED] }) { edges { node { id } } } }`),
      ask(`query ($f: WorkOrderFiltr) { workOrders(filter: $f) { edges { node { id } } } }`),
    ]);
    for (const { body } of answers) {
      expect(body.errors.length).toBeGreaterThan(0);
      const messages = JSON.stringify(body.errors);
      expect(messages).not.toMatch(/did you mean/i);
      expect(messages).not.toMatch(/COMPLETED"|"viewer"|"first"|"statuses"|"WorkOrderFilter"/);
    }
  });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413, with or without Content-Length`, async () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES);
    const declared = await post(world.api, { query: `{ viewer { name } }`, variables: { padding } });
    expect(declared.status).toBe(413);
    const chunks = [JSON.stringify({ query: '{ viewer { name } }', variables: { padding } })];
    const streamed = await world.api.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: GRAPHQL_RESPONSE },
      body: new ReadableStream({ pull: (controller) => (chunks.length ? controller.enqueue(new TextEncoder().encode(chunks.shift())) : controller.close()) }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await post(world.api, { query: `{ viewer { name } }`, variables: { padding: 'x'.repeat(MAX_BODY_BYTES - 100) } })).status).toBe(200);
  });

  it('sends CORS headers only to a configured origin, and none by default', async () => {
    const preflight = (api: TestApi, origin: string) =>
      api.app.yoga.fetch('http://test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const fromOrigin = (api: TestApi, origin: string) => post(api, { query: '{ viewer { name } }' }, { origin, authorization: `Bearer ${world.tokens.dispatcher}` });

    for (const response of [await preflight(world.api, 'https://evil.example'), await fromOrigin(world.api, 'https://evil.example')]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }

    vi.stubEnv('CORS_ORIGINS', 'https://board.example, https://portal.example');
    const api = await TestApi.start(db);
    const allowed = await preflight(api, 'https://portal.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await fromOrigin(api, 'https://board.example')).headers.get('access-control-allow-origin')).toBe('https://board.example');
    const other = await fromOrigin(api, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    await api.close();
  });

  it('answers the full standard introspection query (descriptions, specifiedByUrl, isRepeatable, schema description, deprecated input values)', async () => {
    const { status, body } = await ask(FULL_INTROSPECTION);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data.__schema.queryType.name).toBe('Query');
    expect(body.data.__schema.types.map((type: { name: string }) => type.name)).toContain('WorkOrder');
    // Introspection is not priced like data: the whole schema costs the minimum of any operation.
    expect(body.extensions.cost.requestedQueryCost).toBe(COST.minimumPerOperation);
  });

  it('in production, answers introspection to signed-in callers only', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const api = await TestApi.start(db);
    const anonymous = await ask(FULL_INTROSPECTION, {}, null, api);
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.data).toBeUndefined();
    expect(anonymous.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const hidden = await ask(`query { ...Schema } fragment Schema on Query { __type(name: "WorkOrder") { fields { name } } }`, {}, null, api);
    expect(hidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(JSON.stringify(hidden.body)).not.toContain('internalNotes');
    expect((await ask(`{ __typename }`, {}, null, api)).body.data).toEqual({ __typename: 'Query' });
    const signedIn = await ask(FULL_INTROSPECTION, {}, world.tokens.readKey, api);
    expect(signedIn.body.data.__schema.types.length).toBeGreaterThan(50);
    await api.close();
  });
});
