import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { memoryBucket } from '../../src/limits/bucket.js';
import { memoryBuckets } from '../../src/limits/buckets.js';
import { schema } from '../../src/schema/index.js';
import { TestApi } from '../support/api.js';
import { createCustomer, createServiceType, createTechnician, createWorkOrder } from '../support/fixtures.js';
import { bodyOf, boundaryProbes, nodeFieldsWithArguments, operationFor, prng, rootFields, type IdPool, type Probe } from '../support/fuzz.js';
import { Subscription, listen, wsClient } from '../support/ws-client.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, CREATE_WORK_ORDER, createWorld, gid, newWorkOrderInput, type World } from '../support/world.js';

const OPERATIONS = 2_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

/** Row counts of every table and a checksum of the work orders: what a rejected mutation must leave as it was. */
async function fingerprint(db: Database): Promise<string> {
  const [row] = await db.prisma.$queryRaw<{ fingerprint: string }[]>`
    SELECT concat_ws('|',
      (SELECT count(*) FROM "Customer"), (SELECT count(*) FROM "Vehicle"), (SELECT count(*) FROM "ServiceAddress"),
      (SELECT count(*) FROM "ServiceType"), (SELECT count(*) FROM "Technician"), (SELECT count(*) FROM "ApiKey"),
      (SELECT count(*) FROM "WorkOrderEvent"), (SELECT count(*) FROM "Invoice"), (SELECT count(*) FROM "IdempotencyKey"),
      (SELECT md5(coalesce(string_agg(w::text, ',' ORDER BY w.id), '')) FROM "WorkOrder" w),
      (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.id), '')) FROM "ServiceType" s),
      (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM "Customer" c)
    ) AS fingerprint`;
  return row!.fingerprint;
}

const succeeded = (data: unknown) => JSON.stringify(data ?? null).includes('Success"');

/** What must never come back, whatever the input: a masked internal error (the graphql-ws close code 4500 included). */
const isInternal = (errors: unknown) => /INTERNAL_SERVER_ERROR|Unexpected error\.|4500/.test(JSON.stringify(errors ?? null));

/** The rows of an organization, as global IDs by type (the API key's id is a bare UUID). */
async function idsOf(db: Database, w: World): Promise<Record<string, string>> {
  const workOrder = await db.prisma.workOrder.findFirstOrThrow({ where: { organizationId: w.org.id } });
  const apiKey = await db.prisma.apiKey.findFirstOrThrow({ where: { organizationId: w.org.id } });
  return {
    Customer: gid('Customer', w.customer.customer.id),
    Vehicle: gid('Vehicle', w.customer.vehicle.id),
    ServiceAddress: gid('ServiceAddress', w.customer.address.id),
    ServiceType: gid('ServiceType', w.serviceType.id),
    Technician: gid('Technician', w.technician.id),
    WorkOrder: gid('WorkOrder', workOrder.id),
    ApiKey: apiKey.id,
  };
}

describe('fuzzing the API with generated hostile operations', () => {
  const { db, world } = worldForFile();
  let api: TestApi;
  let ids: string[];
  let stranger: World;

  beforeAll(async () => {
    const unlimited = memoryBucket({ maximumAvailable: 1e12, restoreRatePerSecond: 1e12 });
    api = await TestApi.start(db, { buckets: memoryBuckets(unlimited) });
    stranger = await createWorld(db);
    const wo = await bookWorkOrder(world);
    const strangerWo = await bookWorkOrder(stranger);
    ids = [wo.id, strangerWo.id];
    for (const w of [world, stranger]) {
      ids.push(
        gid('Customer', w.customer.customer.id),
        gid('Vehicle', w.customer.vehicle.id),
        gid('ServiceAddress', w.customer.address.id),
        gid('ServiceType', w.serviceType.id),
        gid('Technician', w.technician.id),
        gid('Vehicle', w.otherCustomer.vehicle.id),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await stranger.api.close();
  });

  it(`answers ${OPERATIONS} generated operations without a 5xx or an internal error, and rejected mutations change nothing`, async () => {
    const random = prng(SEED);
    const fields = rootFields(schema);
    const mutations = fields.mutation.filter((field) => field.name !== 'logout');
    const tokens = [world.tokens.dispatcher, world.tokens.admin, world.tokens.technician, world.tokens.customer, world.tokens.writeKey, 'garbage-token'];
    const failures: string[] = [];
    let before = await fingerprint(db);

    for (let i = 0; i < OPERATIONS && failures.length < 5; i++) {
      const isMutation = random.next() < 0.6;
      const field = random.pick(isMutation ? mutations : fields.query);
      const operation = operationFor(isMutation ? 'mutation' : 'query', field, random, ids);
      const response = await api.app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${random.pick(tokens)}` },
        body: JSON.stringify(operation),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      const internal = body.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || e.message === 'Unexpected error.');
      if (response.status >= 500 || internal) {
        failures.push(`#${i} ${response.status} ${JSON.stringify(body.errors)}\n${operation.query}\n${JSON.stringify(operation.variables).slice(0, 500)}`);
      }
      if (isMutation) {
        const after = await fingerprint(db);
        if (!succeeded(body.data) && after !== before) failures.push(`#${i} rejected ${field.name} changed the database\n${JSON.stringify(operation.variables).slice(0, 500)}`);
        before = after;
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  let targets = 0;
  /** Rows of the world's organization for a mutation to change, so that one mutation's probes do not spoil another's. */
  async function freshTargets(): Promise<Record<string, string>> {
    const customer = await createCustomer(db.prisma, world.org.id, { name: 'Fuzz Target' });
    const serviceType = await createServiceType(db.prisma, world.org.id, { name: `Fuzz ${customer.customer.id}` });
    const technician = await createTechnician(db.prisma, world.org.id, { name: 'Fuzz Technician', color: '#123456' });
    const workOrder = await createWorkOrder(db.prisma, { organizationId: world.org.id, customer, serviceTypeId: serviceType.id, technicianId: technician.id }, {
      windowStart: new Date(Date.UTC(2030, 0, 1) + targets * 86_400_000),
      windowEnd: new Date(Date.UTC(2030, 0, 1) + targets++ * 86_400_000 + 3_600_000),
    });
    const secret = await api.apiKey(world.org.id, ['READ']);
    const apiKey = await db.prisma.apiKey.findFirstOrThrow({ where: { prefix: secret.slice(0, 10) } });
    return {
      Customer: gid('Customer', customer.customer.id),
      Vehicle: gid('Vehicle', customer.vehicle.id),
      ServiceAddress: gid('ServiceAddress', customer.address.id),
      ServiceType: gid('ServiceType', serviceType.id),
      Technician: gid('Technician', technician.id),
      WorkOrder: gid('WorkOrder', workOrder.id),
      ApiKey: apiKey.id,
    };
  }

  it('answers boundary values at every argument of every query and mutation without an internal error, and refusals change nothing', async () => {
    const own = await idsOf(db, world);
    const pool: IdPool = { own, foreign: await idsOf(db, stranger), target: own };
    const random = prng(SEED);
    const fields = rootFields(schema);
    const probes: Probe[] = [
      ...fields.query.flatMap((field) => boundaryProbes('query', field, pool, random)),
      ...nodeFieldsWithArguments(schema).flatMap(({ typename, field }) =>
        boundaryProbes('query', field, pool, random, { typename, id: own[typename]! }),
      ),
    ];
    const failures: string[] = [];
    const send = async (probe: Probe) => {
      const response = await api.app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens.admin}` },
        body: bodyOf(probe.operation),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      if (response.status >= 500 || isInternal(body.errors)) {
        failures.push(`${probe.field} ${probe.at} = ${JSON.stringify(probe.value)?.slice(0, 80)}: ${response.status} ${JSON.stringify(body.errors)}`);
      }
      return body;
    };

    for (const probe of probes) await send(probe);
    // Mutations that name a row of their own get fresh rows, so that one that archives or cancels leaves the next one something to do.
    for (const field of fields.mutation.filter((f) => f.name !== 'logout')) {
      const target = await freshTargets();
      let before = await fingerprint(db);
      for (const probe of boundaryProbes('mutation', field, { ...pool, target }, random)) {
        const body = await send(probe);
        const after = await fingerprint(db);
        if (!succeeded(body.data) && after !== before) failures.push(`${probe.field} ${probe.at} = ${JSON.stringify(probe.value)?.slice(0, 80)}: refused but changed the database`);
        before = after;
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it('answers boundary values at every subscription argument, over graphql-ws, without an internal error', async () => {
    const own = await idsOf(db, world);
    const pool: IdPool = { own, foreign: await idsOf(db, stranger), target: own };
    const random = prng(SEED);
    const url = await listen(api.app);
    const failures: string[] = [];
    for (const field of rootFields(schema).subscription) {
      const { client, closed } = wsClient(url, field.name === 'myAssignments' ? world.tokens.technician : world.tokens.dispatcher);
      let closeCode: number | null = null;
      void closed.then((code) => (closeCode = code));
      const live = boundaryProbes('subscription', field, pool, random).map((probe) => ({ probe, subscription: new Subscription(client, probe.operation.query, probe.operation.variables) }));
      // An event for the streams that were accepted: their payload is resolved with the same arguments.
      await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world, { windowStart: '2027-01-04T20:00:00Z', technicianId: gid('Technician', world.technician.id) }) }, world.tokens.dispatcher);
      await settled(live.map(({ subscription }) => subscription));
      for (const { probe, subscription } of live) {
        if (isInternal(subscription.errors) || isInternal(subscription.received)) {
          failures.push(`${probe.field} ${probe.at} = ${JSON.stringify(probe.value)?.slice(0, 80)}: ${JSON.stringify(subscription.errors)}`);
        }
        subscription.close();
      }
      if (closeCode !== null) failures.push(`${field.name}: the socket closed with ${closeCode}`);
      await client.dispose();
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('answers malformed HTTP bodies with a 4xx, never a 5xx', async () => {
    const bodies: [string, string][] = [
      ['application/json', '{'],
      ['application/json', 'null'],
      ['application/json', '[]'],
      ['application/json', '"query"'],
      ['application/json', '{"query": 42}'],
      ['application/json', '{"query": "{ viewer { name } }", "variables": "not an object"}'],
      ['application/json', '{"query": "{ viewer { name } }", "variables": [1, 2]}'],
      ['application/json', `{"query": "${'{ viewer '.repeat(5_000)}"}`],
      ['application/json', `{"query": "query { ${'a'.repeat(1_000_000)} }"}`],
      ['application/json', '\u0000\u0001binary'],
      ['application/graphql', '{ viewer { name } }'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{}\r\n--x--'],
    ];
    for (const [contentType, body] of bodies) {
      const response = await api.app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': contentType, authorization: `Bearer ${world.tokens.dispatcher}` },
        body,
      });
      expect(response.status, `${contentType}: ${body.slice(0, 60)}`).toBeLessThan(500);
    }
  });
});

/** Waits until the subscriptions have stopped answering: nothing new for a second (an accepted stream stays open and quiet). */
async function settled(subscriptions: Subscription[]): Promise<void> {
  const count = () => subscriptions.reduce((sum, s) => sum + s.errors.length + s.received.length, 0);
  let seen = -1;
  while (seen !== count()) {
    seen = count();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
