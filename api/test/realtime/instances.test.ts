import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { CREATE_WORK_ORDER, createWorld, newWorkOrderInput, type World } from '../support/world.js';
import { SCHEDULE_CHANGED, Subscription, wsClient } from '../support/ws-client.js';

const apiDir = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts `src/main.ts` as its own process on the test database; resolves once it listens. */
async function startInstance(port: number): Promise<{ process: ChildProcess; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), PORT: String(port), NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`Instance on ${port} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Dispatch API on')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => fail(new Error(`Instance on ${port} exited:\n${output}`)));
  });
  return { process: child, exited };
}

describe('several API instances on one PostgreSQL database', () => {
  let db: Database;
  let world: World;
  let a: Awaited<ReturnType<typeof startInstance>>;
  let b: Awaited<ReturnType<typeof startInstance>>;
  let portA: number;
  let portB: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
    [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([startInstance(portA), startInstance(portB)]);
  }, 120_000);
  afterAll(async () => {
    a?.process.kill('SIGKILL');
    b?.process.kill('SIGKILL');
    await world.api.close();
    await db.close();
  });

  it('delivers a change made through instance A to a subscriber of instance B', async () => {
    const { client } = wsClient(`ws://127.0.0.1:${portB}/graphql`, world.tokens.dispatcher);
    const input = newWorkOrderInput(world);
    const date = new Date(input.windowStart as string).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
    const subscription = new Subscription(client, SCHEDULE_CHANGED, { date });
    await new Promise((done) => setTimeout(done, 500));

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

  it('closes sockets with 1001 and exits cleanly on SIGTERM', async () => {
    const { client, closed } = wsClient(`ws://127.0.0.1:${portB}/graphql`, world.tokens.dispatcher);
    const subscription = new Subscription(client, SCHEDULE_CHANGED, { date: '2027-01-04' });
    await new Promise((done) => setTimeout(done, 500));
    b.process.kill('SIGTERM');
    expect(await closed).toBe(1001);
    expect(await b.exited).toBe(0);
    subscription.close();
  });
});
