import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CREDENTIAL_CACHE_MS } from '../../src/auth/credentials.js';
import { issueApiKey } from '../support/credentials.js';
import { freePort, startInstance, type Instance } from '../support/instance.js';
import { SseStream } from '../support/sse.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, CREATE_WORK_ORDER, latestSeq, newWorkOrderInput } from '../support/world.js';
import { SCHEDULE_CHANGED, Subscription, wsClient } from '../support/ws-client.js';

describe('several API instances on one PostgreSQL database', () => {
  const { world } = worldForFile();
  let a: Instance;
  let b: Instance;
  let portA: number;
  let portB: number;

  beforeAll(async () => {
    [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([startInstance(inject('databaseUrl'), portA), startInstance(inject('databaseUrl'), portB)]);
  }, 120_000);
  afterAll(async () => {
    a?.process.kill('SIGKILL');
    b?.process.kill('SIGKILL');
  });

  it('delivers a change made through instance A to a subscriber of instance B', async () => {
    const { client } = wsClient(`ws://127.0.0.1:${portB}/graphql`, world.tokens.dispatcher);
    const input = newWorkOrderInput(world);
    const date = new Date(input.windowStart as string).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
    const subscription = new Subscription(client, SCHEDULE_CHANGED, { date, after: await latestSeq(world) });

    const response = await fetch(`http://127.0.0.1:${portA}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens.dispatcher}` },
      body: JSON.stringify({ query: CREATE_WORK_ORDER, variables: { input } }),
    });
    const created = (await response.json()).data.createWorkOrder.workOrder;
    const [message] = await subscription.waitFor(1);
    expect(message.scheduleChanged.workOrder.id).toBe(created.id);
    subscription.close();
    await client.dispose();
  });

  it('refuses on instance B a token signed out through instance A, long before B would have looked it up again', async () => {
    const token = await world.api.signIn(world.org.id, 'DISPATCHER');
    const ask = (port: number, query: string) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      }).then((response) => response.json() as Promise<any>);
    expect((await ask(portB, '{ viewer { name } }')).data.viewer.name).toBe('DISPATCHER user');
    expect((await ask(portA, 'mutation { logout }')).data.logout).toBe(true);

    const signedOutAt = Date.now();
    while ((await ask(portB, '{ viewer { name } }')).data.viewer !== null) {
      expect(Date.now() - signedOutAt).toBeLessThan(CREDENTIAL_CACHE_MS / 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('ends SSE streams on one instance when their session signs out or their key is revoked through another', async () => {
    const token = await world.api.signIn(world.org.id, 'DISPATCHER');
    const { secret, id } = await issueApiKey(world.api, world.tokens.admin, 'Portal feed');
    const wo = await bookWorkOrder(world);
    const follow = (port: number, bearer: string) =>
      SseStream.open(fetch, `http://127.0.0.1:${port}/graphql`, bearer, `subscription ($id: ID!) { workOrderChanged(id: $id, after: "0") { seq workOrder { id } } }`, { id: wo.id });
    const post = (port: number, bearer: string, query: string, variables = {}) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query, variables }),
      }).then((response) => response.json() as Promise<any>);

    const [sessionStream, keyStream] = [await follow(portB, token), await follow(portA, secret)];
    await Promise.all([sessionStream.waitFor(wo.id), keyStream.waitFor(wo.id)]);
    expect((await post(portA, token, 'mutation { logout }')).data.logout).toBe(true);
    await sessionStream.ended;
    expect(sessionStream.text).toContain('"code":"FORBIDDEN"');
    expect(keyStream.text).not.toContain('FORBIDDEN');

    await post(portB, world.tokens.admin, `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`, { input: { id } });
    await keyStream.ended;
    expect(keyStream.text).toContain('"code":"FORBIDDEN"');
  });

  it('on SIGTERM says it is not ready while it still serves, then closes sockets with 1001, ends SSE streams, finishes the request in flight and exits with 0', async () => {
    const port = await freePort();
    const c = await startInstance(inject('databaseUrl'), port, { env: { DRAIN_SECONDS: '8' } });
    const url = `http://127.0.0.1:${port}`;
    try {
      const input = newWorkOrderInput(world);
      const date = new Date(input.windowStart as string).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
      const after = await latestSeq(world);
      const { client, closed } = wsClient(`ws://127.0.0.1:${port}/graphql`, world.tokens.dispatcher);
      const subscription = new Subscription(client, SCHEDULE_CHANGED, { date, after });
      const wo = (await world.api.ok(CREATE_WORK_ORDER, { input }, world.tokens.dispatcher)).createWorkOrder.workOrder;
      await subscription.waitFor(1);
      const stream = await SseStream.open(fetch, `${url}/graphql`, world.tokens.dispatcher, `subscription ($id: ID!) { workOrderChanged(id: $id, after: "0") { seq } }`, { id: wo.id });
      await stream.waitFor('"seq"');
      // A request whose body is half sent: it is in flight when the instance starts closing.
      const inFlight = halfSentRequest(url, JSON.stringify({ query: '{ viewer { name } }' }), world.tokens.dispatcher);

      c.process.kill('SIGTERM');
      while ((await fetch(`${url}/readyz`)).status !== 503) await new Promise((resolve) => setTimeout(resolve, 50));
      const stillServed = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens.dispatcher}` },
        body: JSON.stringify({ query: '{ viewer { name } }' }),
      });
      expect((await stillServed.json()).data.viewer.name).toBe('DISPATCHER user');

      expect(await closed).toBe(1001);
      const answer = await inFlight.finish();
      expect(answer.status).toBe(200);
      expect(answer.headers.connection).toBe('close');
      expect(JSON.parse(answer.body).data.viewer.name).toBe('DISPATCHER user');
      await stream.ended;
      expect(stream.text).toContain('"code":"SHUTTING_DOWN"');
      expect(await c.exited).toBe(0);
      subscription.close();
    } finally {
      c.process.kill('SIGKILL');
    }
  }, 120_000);
});

/** A POST whose headers and first half of the body are sent now, and the rest when `finish` is called. */
function halfSentRequest(url: string, body: string, token: string) {
  const request = httpRequest(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
  });
  const answered = new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return {
    finish() {
      request.end(body.slice(half));
      return answered;
    },
  };
}
