import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, NetworkError, type Client, type ExecutionResult } from 'graphql-sse';
import { MAX_STREAMS_PER_CREDENTIAL } from '../../src/sse.js';
import { revokeApiKey, signOut } from '../support/credentials.js';
import { REVOKED, SseStream, WORK_ORDER_CHANGED } from '../support/sse.js';
import { serve, TestApi } from '../support/api.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, gid, transitionWorkOrder } from '../support/world.js';

const TOKEN_HEADER = 'x-graphql-event-stream-token';

/** One subscription through the graphql-sse client: what it received, and how it ended. */
class Followed {
  readonly received: ExecutionResult<any, any>[] = [];
  error: unknown = null;
  readonly done: Promise<void>;
  private waiters: (() => void)[] = [];
  readonly dispose: () => void;

  constructor(client: Client<boolean>, query: string, variables: Record<string, unknown>) {
    let finish = () => {};
    this.done = new Promise((resolve) => (finish = resolve));
    const wake = () => this.waiters.splice(0).forEach((waiter) => waiter());
    this.dispose = client.subscribe(
      { query, variables },
      {
        next: (value) => {
          this.received.push(value);
          wake();
        },
        error: (error) => {
          this.error = error;
          finish();
          wake();
        },
        complete: () => {
          finish();
          wake();
        },
      },
    );
  }

  get text(): string {
    return JSON.stringify(this.received);
  }

  async waitFor(expected: string): Promise<void> {
    while (!this.text.includes(expected)) {
      if (this.error) throw new Error(`The subscription failed: ${String(this.error)}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
}

describe('GraphQL over SSE at /graphql/stream (graphql-sse, both modes)', () => {
  const { db, world } = worldForFile();
  let base: string;
  const clients: Client<boolean>[] = [];

  const client = (token: string | null, singleConnection: boolean, path = '/graphql/stream') => {
    const made = createClient({
      url: `${base}${path}`,
      singleConnection,
      retryAttempts: 0,
      headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
    });
    clients.push(made);
    return made;
  };
  const http = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token, headers, ...rest } = init;
    return fetch(`${base}${path}`, { ...rest, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  };
  const reserve = async (token: string) => {
    const response = await http('/graphql/stream', { method: 'PUT', token });
    expect(response.status).toBe(201);
    return response.text();
  };
  const postOperation = (token: string, streamToken: string, id: string, query: string, variables: Record<string, unknown> = {}) =>
    http('/graphql/stream', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: streamToken },
      body: JSON.stringify({ query, variables, extensions: { operationId: id } }),
    });

  beforeAll(async () => {
    base = await serve(world.api.app);
  });
  afterAll(async () => {
    for (const made of clients) made.dispose();
  });

  it.each([
    ['single-connection mode', true, '/graphql/stream'],
    ['distinct-connections mode', false, '/graphql/stream'],
    ['distinct-connections mode on /graphql', false, '/graphql'],
  ])('delivers a replay and then live changes in %s', async (_mode, singleConnection, path) => {
    const wo = await bookWorkOrder(world);
    const sse = client(world.tokens.technician, singleConnection, path);
    const followed = new Followed(sse, WORK_ORDER_CHANGED, { id: wo.id, after: '0' });
    await followed.waitFor('"CREATED"');
    await transitionWorkOrder(world, wo.id, 'EN_ROUTE');
    await followed.waitFor('"EN_ROUTE"');
    expect(followed.received.map((result) => result.data.workOrderChanged.workOrder.status)).toEqual(['SCHEDULED', 'EN_ROUTE']);
    followed.dispose();
  });

  it('carries several subscriptions on one connection, each ending on its own', async () => {
    const [first, second] = [await bookWorkOrder(world), await bookWorkOrder(world)];
    const sse = client(world.tokens.dispatcher, true);
    const a = new Followed(sse, WORK_ORDER_CHANGED, { id: first.id, after: '0' });
    const b = new Followed(sse, WORK_ORDER_CHANGED, { id: second.id, after: '0' });
    await a.waitFor('"CREATED"');
    await b.waitFor('"CREATED"');
    a.dispose();
    await transitionWorkOrder(world, second.id, 'EN_ROUTE');
    await b.waitFor('"EN_ROUTE"');
    expect(a.text).not.toContain('EN_ROUTE');
    b.dispose();
  });

  it.each([
    ['single-connection mode', true],
    ['distinct-connections mode', false],
  ])('refuses a client without a credential in %s (401)', async (_mode, singleConnection) => {
    const followed = new Followed(client(null, singleConnection), WORK_ORDER_CHANGED, { id: gid('WorkOrder', world.org.id) });
    await followed.done;
    expect(followed.error).toBeInstanceOf(NetworkError);
    expect((followed.error as NetworkError).response?.status).toBe(401);
  });

  it('never reads a credential from the URL', async () => {
    for (const query of [`token=${world.tokens.admin}`, `authorization=Bearer%20${world.tokens.admin}`, `access_token=${world.tokens.admin}`]) {
      const response = await http(`/graphql/stream?${query}`, { method: 'PUT' });
      expect(response.status).toBe(401);
      expect((await response.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it("answers another credential's use of a stream token as for a token that does not exist", async () => {
    const streamToken = await reserve(world.tokens.dispatcher);
    const wo = await bookWorkOrder(world);
    const intruder = await postOperation(world.tokens.admin, streamToken, 'x', WORK_ORDER_CHANGED, { id: wo.id });
    expect(intruder.status).toBe(404);
    const unknown = await postOperation(world.tokens.admin, crypto.randomUUID(), 'x', WORK_ORDER_CHANGED, { id: wo.id });
    expect(unknown.status).toBe(404);
    expect(await intruder.json()).toEqual(await unknown.json());
    const connect = await http('/graphql/stream', { token: world.tokens.admin, headers: { accept: 'text/event-stream', [TOKEN_HEADER]: streamToken } });
    expect(connect.status).toBe(404);
    const remove = await http(`/graphql/stream?operationId=x`, { method: 'DELETE', token: world.tokens.admin, headers: { [TOKEN_HEADER]: streamToken } });
    expect(remove.status).toBe(404);
  });

  it(`holds at most ${MAX_STREAMS_PER_CREDENTIAL} streams per credential`, async () => {
    const token = await world.api.signIn(world.org.id, 'DISPATCHER');
    for (let i = 0; i < MAX_STREAMS_PER_CREDENTIAL; i++) await reserve(token);
    const over = await http('/graphql/stream', { method: 'PUT', token });
    expect(over.status).toBe(429);
    expect((await over.json()).errors[0].extensions.code).toBe('THROTTLED');
    expect((await http('/graphql/stream', { method: 'PUT', token: world.tokens.dispatcher })).status).toBe(201);
  });

  it('drops a reservation nobody connects to, which frees its place', async () => {
    const api = await TestApi.start(db, { streamReservationTtlMs: 20 });
    try {
      const at = `${await serve(api.app)}/graphql/stream`;
      const token = await world.api.signIn(world.org.id, 'DISPATCHER');
      const put = () => fetch(at, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
      const reserved: string[] = [];
      for (let i = 0; i < MAX_STREAMS_PER_CREDENTIAL; i++) reserved.push(await (await put()).text());
      // Each answer either refuses (all places taken) or, once a reservation was dropped, reserves again.
      while ((await put()).status !== 201) await new Promise((resolve) => setTimeout(resolve, 20));
      const connect = await fetch(at, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', [TOKEN_HEADER]: reserved[0]! } });
      expect(connect.status).toBe(404);
    } finally {
      await api.close();
    }
  });

  it('lets a browser on an allowed origin preflight its requests (CORS_ORIGINS)', async () => {
    const previous = process.env.CORS_ORIGINS;
    process.env.CORS_ORIGINS = 'https://portal.example.com';
    const api = await TestApi.start(db);
    try {
      const preflight = await api.app.yoga.fetch('http://test/graphql/stream', {
        method: 'OPTIONS',
        headers: { origin: 'https://portal.example.com', 'access-control-request-method': 'PUT', 'access-control-request-headers': `authorization, ${TOKEN_HEADER}` },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
      const reserved = await api.app.yoga.fetch('http://test/graphql/stream', {
        method: 'PUT',
        headers: { origin: 'https://portal.example.com', authorization: `Bearer ${world.tokens.dispatcher}` },
      });
      expect(reserved.status).toBe(201);
      expect(reserved.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    } finally {
      if (previous === undefined) delete process.env.CORS_ORIGINS;
      else process.env.CORS_ORIGINS = previous;
      await api.close();
    }
  });

  it('ends every subscription with FORBIDDEN and closes the single connection when the session signs out', async () => {
    const token = await world.api.signIn(world.org.id, 'DISPATCHER');
    const [first, second] = [await bookWorkOrder(world), await bookWorkOrder(world)];
    // The library's client, for what each subscription receives…
    const sse = client(token, true);
    const a = new Followed(sse, WORK_ORDER_CHANGED, { id: first.id, after: '0' });
    await a.waitFor('"CREATED"');
    // …and the protocol by hand, to see the connection itself end.
    const { streamToken, stream } = await openStream(token);
    expect((await postOperation(token, streamToken, 'b', WORK_ORDER_CHANGED, { id: second.id, after: '0' })).status).toBe(202);
    await stream.waitFor('"CREATED"');

    expect(await signOut(world.api, token)).toBe(true);
    await a.done;
    expect(a.text).toContain(REVOKED);
    expect(a.text).toContain('"code":"FORBIDDEN"');
    await stream.ended;
    expect(stream.text).toContain(REVOKED);
    expect(stream.text).toMatch(/event: complete\ndata: \{"id":"b"\}/);
    // The revoked session can neither reserve nor post again.
    expect((await http('/graphql/stream', { method: 'PUT', token })).status).toBe(401);
  });

  it('ends the streams of a revoked API key, and not those of another key', async () => {
    const key = await world.api.apiKey(world.org.id, ['READ']);
    const other = await world.api.apiKey(world.org.id, ['READ']);
    const wo = await bookWorkOrder(world);
    const revoked = new Followed(client(key, true), WORK_ORDER_CHANGED, { id: wo.id, after: '0' });
    const bystander = new Followed(client(other, true), WORK_ORDER_CHANGED, { id: wo.id, after: '0' });
    await revoked.waitFor('"CREATED"');
    await bystander.waitFor('"CREATED"');
    const { apiKeys } = await world.api.ok(`{ apiKeys { id prefix } }`, {}, world.tokens.admin);
    const { id } = apiKeys.find((listed: { prefix: string }) => key.startsWith(listed.prefix));
    await revokeApiKey(world.api, world.tokens.admin, id);
    await revoked.done;
    expect(revoked.text).toContain('"code":"FORBIDDEN"');
    await transitionWorkOrder(world, wo.id, 'EN_ROUTE');
    await bystander.waitFor('"EN_ROUTE"');
    bystander.dispose();
  });

  /** A single-connection stream opened by hand: reserved, then connected with GET. */
  const openStream = async (token: string) => {
    const streamToken = await reserve(token);
    const stream = await SseStream.open(
      (url, init) => fetch(url, { ...init, method: 'GET', body: undefined, headers: { ...init.headers, [TOKEN_HEADER]: streamToken } }),
      `${base}/graphql/stream`,
      token,
      '',
    );
    return { streamToken, stream };
  };
  const EXPENSIVE = `subscription { workOrdersChanged { workOrder { customer {
    workOrders(first: 100) { edges { node { customer { workOrders(first: 100) { edges { node { id } } } } } } } } } } }`;

  it('prices a subscription in single-connection mode as on /graphql: over the maximum is MAX_COST_EXCEEDED on its stream', async () => {
    const { streamToken, stream } = await openStream(world.tokens.dispatcher);
    expect((await postOperation(world.tokens.dispatcher, streamToken, 'costly', EXPENSIVE)).status).toBe(202);
    await stream.waitFor('"code":"MAX_COST_EXCEEDED"');
    await stream.waitFor('event: complete\ndata: {"id":"costly"}');
    stream.close();
  });

  it('refuses a subscription the caller may not make with FORBIDDEN on its stream, and keeps the stream open', async () => {
    const { streamToken, stream } = await openStream(world.tokens.dispatcher);
    try {
      expect((await postOperation(world.tokens.dispatcher, streamToken, 'mine', 'subscription { myAssignments { seq } }')).status).toBe(202);
      await stream.waitFor('"code":"FORBIDDEN"');
      await stream.waitFor('event: complete\ndata: {"id":"mine"}');
      const wo = await bookWorkOrder(world);
      expect((await postOperation(world.tokens.dispatcher, streamToken, 'next', WORK_ORDER_CHANGED, { id: wo.id, after: '0' })).status).toBe(202);
      await stream.waitFor('"CREATED"');
    } finally {
      stream.close();
    }
  });

  it('prices a subscription in distinct-connections mode the same way', async () => {
    const followed = new Followed(client(world.tokens.dispatcher, false), EXPENSIVE, {});
    await followed.done;
    expect(followed.text).toContain('"code":"MAX_COST_EXCEEDED"');
  });

  it('throttles subscriptions from the same bucket as /graphql', async () => {
    const token = await world.api.signIn(world.org.id, 'DISPATCHER');
    const { streamToken, stream } = await openStream(token);
    try {
      // Each costs thousands of points: ten of them are more than the bucket holds.
      for (let i = 0; i < 10; i++) expect((await postOperation(token, streamToken, `op${i}`, EXPENSIVE.replaceAll('100', '49'))).status).toBe(202);
      await stream.waitFor('"code":"THROTTLED"');
    } finally {
      stream.close();
    }
  });

  it.each([
    ['a syntax error', 'subscription {', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', 'subscription { noSuchField }', 'GRAPHQL_VALIDATION_FAILED'],
    ['too deep a selection', `subscription { workOrdersChanged { ${'workOrder { customer { '.repeat(7)}id${' } }'.repeat(7)} } }`, 'QUERY_LIMIT_EXCEEDED'],
    ['two operations and no name to choose one', 'subscription A { workOrdersChanged { seq } } subscription B { workOrdersChanged { seq } }', 'GRAPHQL_PARSE_FAILED'],
  ])('refuses %s with a 400 that names it', async (_what, query, code) => {
    const streamToken = await reserve(world.tokens.dispatcher);
    const response = await postOperation(world.tokens.dispatcher, streamToken, 'x', query);
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe(code);
  });

  it('refuses a body over MAX_BODY_BYTES with 413', async () => {
    const streamToken = await reserve(world.tokens.dispatcher);
    const response = await postOperation(world.tokens.dispatcher, streamToken, 'x', `subscription { workOrdersChanged { seq } } #${'x'.repeat(120_000)}`);
    expect(response.status).toBe(413);
  });

  it('answers malformed requests with 4xx, never 5xx', async () => {
    const streamToken = await reserve(world.tokens.dispatcher);
    const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: streamToken };
    for (const body of ['{', '[]', '"x"', '{"query": 1}', '{"query": "subscription { workOrdersChanged { seq } }"}', '{"query":"{ viewer { kind } }","variables":[]}']) {
      const response = await http('/graphql/stream', { method: 'POST', token: world.tokens.dispatcher, headers, body });
      expect(response.status, body).toBeGreaterThanOrEqual(400);
      expect(response.status, body).toBeLessThan(500);
    }
    expect((await http('/graphql/stream', { method: 'PATCH', token: world.tokens.dispatcher, headers })).status).toBe(405);
  });

  it('gives every refusal a code, as /graphql does, whichever part of the stream refuses it', async () => {
    const token = world.tokens.dispatcher;
    const streamToken = await reserve(token);
    const opened = await http('/graphql/stream', { token, headers: { accept: 'text/event-stream', [TOKEN_HEADER]: streamToken } });
    expect(opened.status).toBe(200);
    const json = { 'content-type': 'application/json' };
    const refusals: [string, RequestInit & { token?: string | null }, number, string][] = [
      ['no credential', { method: 'PUT' }, 401, 'FORBIDDEN'],
      ['a stream token that does not exist', { method: 'POST', token, headers: { ...json, [TOKEN_HEADER]: crypto.randomUUID() }, body: '{"query":"{ viewer { kind } }"}' }, 404, 'NOT_FOUND'],
      ['no stream token and no event stream asked for', { method: 'GET', token }, 404, 'NOT_FOUND'],
      ['a method the stream does not take', { method: 'PATCH', token }, 404, 'NOT_FOUND'],
      ['a stop without its operation', { method: 'DELETE', token, headers: { [TOKEN_HEADER]: streamToken } }, 400, 'BAD_REQUEST'],
      ['an operation without its id', { method: 'POST', token, headers: { ...json, [TOKEN_HEADER]: streamToken }, body: '{"query":"{ viewer { kind } }"}' }, 400, 'BAD_REQUEST'],
      ['a body that is not JSON', { method: 'POST', token, headers: { ...json, [TOKEN_HEADER]: streamToken }, body: '{' }, 400, 'BAD_REQUEST'],
      ['a stream opened twice', { token, headers: { accept: 'text/event-stream', [TOKEN_HEADER]: streamToken } }, 409, 'CONFLICT'],
      ['a reservation made twice', { method: 'PUT', token, headers: { [TOKEN_HEADER]: streamToken } }, 409, 'CONFLICT'],
    ];
    for (const [what, init, status, code] of refusals) {
      const response = await http('/graphql/stream', init);
      expect(response.status, what).toBe(status);
      expect(response.headers.get('content-type'), what).toContain('application/json');
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors.length, what).toBeGreaterThan(0);
      for (const error of body.errors) {
        expect(error.message, what).not.toBe('');
        expect(error.extensions.code, what).toBe(code);
      }
    }
    await opened.body?.cancel();
  });
});
