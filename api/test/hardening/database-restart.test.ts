import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrations.js';
import { rowIdOf } from '../../src/schema/ids.js';
import { freePort, startInstance, type Instance } from '../support/instance.js';
import { createTechnician } from '../support/fixtures.js';
import { startOwnCluster } from '../support/own-cluster.js';
import { CREATE_WORK_ORDER, createWorld, gid, latestSeq, newWorkOrderInput, TRANSITION, type World } from '../support/world.js';
import { SCHEDULE_CHANGED, Subscription, wsClient } from '../support/ws-client.js';

const NEXT = { SCHEDULED: 'EN_ROUTE', EN_ROUTE: 'ON_SITE', ON_SITE: 'IN_PROGRESS', IN_PROGRESS: 'COMPLETED' } as Record<string, string>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('surviving a PostgreSQL restart', () => {
  let cluster: Awaited<ReturnType<typeof startOwnCluster>>;
  let db: Database;
  let world: World;
  let api: Instance;

  beforeAll(async () => {
    cluster = await startOwnCluster(await freePort());
    db = openDatabase({ kind: 'postgres', url: cluster.url });
    await applyMigrations(db.adapterFactory);
    world = await createWorld(db);
    api = await startInstance(cluster.url, await freePort());
  }, 120_000);
  afterAll(async () => {
    api?.process.kill('SIGKILL');
    await world?.api.close();
    await db?.close();
    await cluster?.destroy();
  });

  const graphql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens.dispatcher}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const ready = async () => (await fetch(`${api.url}/readyz`, { signal: AbortSignal.timeout(10_000) })).status;

  it('keeps running, reports not-ready then ready, answers retryably meanwhile, and loses no acknowledged change', async () => {
    const inputs = Array.from({ length: 6 }, () => newWorkOrderInput(world));
    const date = new Date(inputs[0]!.windowStart as string).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
    const after = await latestSeq(world);
    const { client } = wsClient(api.url.replace('http', 'ws') + '/graphql', world.tokens.dispatcher);
    const subscription = new Subscription(client, SCHEDULE_CHANGED, { date, after });

    const orders: { id: string; status: string }[] = [];
    for (const input of inputs) {
      // All in one window, each with a technician of its own: a job only sets off once it is assigned.
      const technician = await createTechnician(db.prisma, world.org.id);
      const { body } = await graphql(CREATE_WORK_ORDER, { input: { ...input, windowStart: inputs[0]!.windowStart, technicianId: gid('Technician', technician.id) } });
      orders.push({ id: body.data.createWorkOrder.workOrder.id, status: 'SCHEDULED' });
    }

    const acknowledged: { id: string; status: string }[] = [];
    const errorCodes = new Set<string>();
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const order = orders[i % orders.length]!;
        const next = NEXT[order.status];
        if (!next) continue;
        try {
          const { status, body } = await graphql(TRANSITION, { input: { id: order.id, status: next, idempotencyKey: `${order.id}:${next}` } });
          const result = body.data?.transitionWorkOrder;
          if (result?.__typename?.endsWith('Success')) {
            acknowledged.push({ id: order.id, status: next });
            order.status = next;
          } else {
            for (const error of body.errors ?? []) errorCodes.add(`${status}:${error.extensions?.code}`);
          }
        } catch {
          errorCodes.add('network');
        }
        await sleep(100);
      }
    })();

    await sleep(800);
    await cluster.stop();
    await until(async () => (await ready()) === 503, 20_000, '/readyz to report not ready');
    const during = await graphql(`{ workOrders(first: 5) { edges { node { id } } } }`, {});
    expect(during.body.errors?.[0]?.extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryable: true });
    expect(during.status).toBe(503);

    await sleep(1_000);
    await cluster.start();
    await until(async () => (await ready()) === 200, 30_000, '/readyz to report ready again');
    const acknowledgedBefore = acknowledged.length;
    await until(async () => acknowledged.length > acknowledgedBefore, 30_000, 'a write to succeed after the restart');
    writing = false;
    await writer;

    expect(api.process.exitCode).toBeNull();
    expect([...errorCodes].filter((code) => code.includes('INTERNAL_SERVER_ERROR'))).toEqual([]);

    const events = await db.prisma.workOrderEvent.findMany({
      where: { organizationId: world.org.id, seq: { gt: BigInt(after) } },
      orderBy: { seq: 'asc' },
    });
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const ack of acknowledged) {
      const rowId = rowIdOf(ack.id, 'WorkOrder');
      expect(events.some((e) => e.workOrderId === rowId && (e.after as { status: string }).status === ack.status), `${ack.id} → ${ack.status}`).toBe(true);
    }
    const received = await subscription.waitFor(events.length, 30_000);
    expect(received.map((m) => m.scheduleChanged.seq)).toEqual(events.map((e) => e.seq.toString()));
    subscription.close();
    await client.dispose();
  }, 180_000);
});
