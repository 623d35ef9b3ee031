import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { schema } from '../../src/schema/index.js';
import { TestApi } from '../support/api.js';
import { openTestDatabase } from '../support/database.js';
import { ATTACKS, demoTenants, SEEDING_TIMEOUT_MS, type DemoOrganization as Org } from '../support/demo.js';
import { createWebhookDelivery, createWebhookEndpoint } from '../support/fixtures.js';
import { argumentsFor, idPositions, operationAt, type IdPosition } from '../support/schema-walk.js';
import { gid } from '../support/world.js';

const positions = idPositions(schema);
const nodeTypes = new Set(schema.getPossibleTypes(schema.getType('Node') as never).map((type) => type.name));
/** The one ID the schema hands out bare, a session's (docs/decisions.md): every other is a global ID. */
const BARE_IDS = new Set(['ActiveSession']);
/** An ID as the schema hands it out: a global ID for a Node, the row id otherwise. */
const idOf = (type: string, rowId: string) => (nodeTypes.has(type) ? gid(type, rowId) : rowId);

describe('IDs of another organization, for every argument that takes one', () => {
  let db: Database;
  let api: TestApi;
  let tokens: Record<Org, string>;
  let orgIds: Record<Org, string>;
  /** Row ids of one row of each type an ID may name, per organization: a scheduled job and what it refers to. */
  const rows = {} as Record<Org, Record<string, string>>;
  const digestsBefore = {} as Record<Org, Record<string, string>>;

  /** A digest of every row of every tenant table of the organization. */
  async function digests(organizationId: string): Promise<Record<string, string>> {
    const tables = await db.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT DISTINCT table_name FROM information_schema.columns WHERE column_name = 'organizationId' AND table_schema = current_schema()`;
    const result: Record<string, string> = {};
    for (const { table_name: table } of tables) {
      const [row] = await db.prisma.$queryRawUnsafe<{ digest: string }[]>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t WHERE "organizationId"::text = $1`,
        organizationId,
      );
      result[table] = row!.digest;
    }
    return result;
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    api = await TestApi.start(db);
    ({ orgIds, tokens } = await demoTenants(api));
    for (const org of ['northwind', 'kiwi'] as const) {
      const organizationId = orgIds[org];
      await api.apiKey(organizationId, ['READ']);
      const job = await db.prisma.workOrder.findFirstOrThrow({
        where: { organizationId, status: 'SCHEDULED', technicianId: { not: null } },
        orderBy: { windowStart: 'desc' },
      });
      const apiKey = await db.prisma.apiKey.findFirstOrThrow({ where: { organizationId } });
      const session = await db.prisma.session.findFirstOrThrow({ where: { organizationId, revokedAt: null } });
      const user = await db.prisma.user.findFirstOrThrow({ where: { organizationId, role: 'DISPATCHER' } });
      const webhookEndpoint = await createWebhookEndpoint(db.prisma, organizationId);
      const webhookDelivery = await createWebhookDelivery(db.prisma, webhookEndpoint);
      rows[org] = {
        WorkOrder: job.id,
        Customer: job.customerId,
        Vehicle: job.vehicleId,
        ServiceAddress: job.serviceAddressId,
        ServiceType: job.serviceTypeId,
        Technician: job.technicianId!,
        ApiKey: apiKey.id,
        ActiveSession: session.id,
        User: user.id,
        WebhookEndpoint: webhookEndpoint.id,
        WebhookDelivery: webhookDelivery.id,
      };
    }
    for (const org of ['northwind', 'kiwi'] as const) digestsBefore[org] = await digests(orgIds[org]);
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await db.close();
  }, SEEDING_TIMEOUT_MS);

  /** What a caller is answered, as text: the JSON of a query or mutation, the events of a subscription until it ends. */
  async function answer(position: IdPosition, variables: Record<string, unknown>, token: string): Promise<string> {
    const query = operationAt(position);
    if (position.operation !== 'subscription') {
      // The answer without its cost extension: how full the caller's bucket is depends on when it is asked.
      const { extensions: _cost, ...answered } = (await api.request(query, variables, token)) as Record<string, unknown>;
      return JSON.stringify(answered);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 3_000);
    let text = '';
    try {
      const response = await api.app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        signal: abort.signal,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const reader = response.body!.getReader();
      while (!text.includes('event: complete')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      text += '(still open)';
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
    return text.replace(/^:.*\n/gm, '');
  }

  it('finds the ID arguments of queries, mutations and subscriptions', () => {
    expect(new Set(positions.map((position) => position.operation))).toEqual(new Set(['query', 'mutation', 'subscription']));
    for (const position of positions) for (const type of position.entityTypes) expect(Object.keys(rows.kiwi ?? {}), type).toContain(type);
  });

  for (const position of positions) {
    for (const [attacker, victim] of ATTACKS) {
      for (const type of position.entityTypes) {
        const where = `${position.operation} ${position.field.name}(${position.path.join('.')})`;
        it(`answers ${where} with ${victim}'s ${type} as with an ID that names nothing, to ${attacker}`, async () => {
          const own = Object.fromEntries(Object.entries(rows[attacker]).map(([name, rowId]) => [name, idOf(name, rowId)]));
          const ask = (rowId: string) => {
            const id = idOf(type, rowId);
            return { id, variables: argumentsFor(schema, position, position.list ? [id] : id, own) };
          };
          const foreign = ask(rows[victim][type]!);
          const random = ask(randomUUID());
          const foreignAnswer = (await answer(position, foreign.variables, tokens[attacker])).replaceAll(foreign.id, '<ID>');
          const randomAnswer = (await answer(position, random.variables, tokens[attacker])).replaceAll(random.id, '<ID>');
          expect(foreignAnswer).toBe(randomAnswer);
          expect(foreignAnswer).not.toContain('INTERNAL_SERVER_ERROR');
          for (const rowId of Object.values(rows[victim])) expect(foreignAnswer, 'nothing of the victim is seen').not.toContain(rowId);
        });
      }
    }
  }

  /** IDs that are not of the type a position takes: not an ID at all, a bare UUID, a UUID-less global ID, and one of another type. */
  function wrongIds(position: IdPosition): [what: string, id: string][] {
    const own = rows.kiwi;
    const named = position.entityTypes[0]!;
    const other = ['Customer', 'Technician'].find((type) => !position.entityTypes.includes(type))!;
    const bare = BARE_IDS.has(named);
    const wrong: [string, string][] = [
      ['garbage', 'garbage'],
      ['an empty string', ''],
      ['a global ID without a UUID', gid(named, 'not-a-uuid')],
      [bare ? 'a global ID' : 'a bare UUID', bare ? gid(named, own[named]!) : own[named]!],
    ];
    // node and nodes take an ID of any node type.
    return position.entityTypes.length === nodeTypes.size ? wrong : [...wrong, [`a ${other}'s ID`, gid(other, own[other]!)]];
  }

  for (const position of positions) {
    const where = `${position.operation} ${position.field.name}(${position.path.join('.')})`;
    it(`refuses at ${where} an ID that is not one of its type, naming the argument`, async () => {
      const own = Object.fromEntries(Object.entries(rows.kiwi).map(([name, rowId]) => [name, idOf(name, rowId)]));
      const named = position.path.join('.');
      for (const [what, id] of wrongIds(position)) {
        const variables = argumentsFor(schema, position, position.list ? [id] : id, own);
        const text = await answer(position, variables, tokens.kiwi);
        const at = position.list ? `${named}.0` : named;
        if (position.operation === 'mutation') {
          expect(JSON.parse(text).data?.[position.field.name], what).toEqual({ __typename: 'ValidationError', message: expect.stringMatching(new RegExp(`(^|; )${at}: `)) });
        } else if (position.operation === 'query') {
          const { data, errors } = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
          expect(errors?.map((error) => error.extensions?.code), what).toEqual(['BAD_USER_INPUT']);
          expect(errors![0]!.message, what).toMatch(new RegExp(`^${at}: `));
          expect(JSON.stringify(data?.[position.field.name] ?? null), `${what}: nothing answered`).toMatch(/^(null|\[null\])$/);
        } else {
          expect(text, what).toContain('BAD_USER_INPUT');
          expect(text, what).toContain(`${at}: `);
        }
      }
    });
  }

  it('changed nothing of either organization', async () => {
    for (const org of ['northwind', 'kiwi'] as const) expect(await digests(orgIds[org]), org).toEqual(digestsBefore[org]);
  });
});
