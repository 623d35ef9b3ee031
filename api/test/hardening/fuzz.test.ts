import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { memoryBucket } from '../../src/limits/bucket.js';
import { memorySignInLimiter } from '../../src/limits/buckets.js';
import { schema } from '../../src/schema/index.js';
import { TestApi } from '../support/api.js';
import { openTestDatabase } from '../support/database.js';
import { operationFor, prng, rootFields } from '../support/fuzz.js';
import { CREATE_WORK_ORDER, createWorld, gid, newWorkOrderInput, type World } from '../support/world.js';

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

describe('fuzzing the API with generated hostile operations', () => {
  let db: Database;
  let world: World;
  let api: TestApi;
  let ids: string[];

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
    const unlimited = memoryBucket({ maximumAvailable: 1e12, restoreRatePerSecond: 1e12 });
    api = await TestApi.start(db, { buckets: { cost: unlimited, signIn: memorySignInLimiter(), close: async () => {} } });
    const stranger = await createWorld(db);
    const wo = (await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher)).createWorkOrder.workOrder;
    const strangerWo = (await stranger.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(stranger) }, stranger.tokens.dispatcher)).createWorkOrder.workOrder;
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
    await world.api.close();
    await db.close();
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
