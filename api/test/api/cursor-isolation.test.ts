import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrismaCursor } from '@pothos/plugin-prisma';
import type { Database } from '../../src/db/database.js';
import { schema } from '../../src/schema/index.js';
import { TestApi, type GraphQLResult } from '../support/api.js';
import { openTestDatabase } from '../support/database.js';
import { ATTACKS, demoTenants, SEEDING_TIMEOUT_MS, type DemoOrganization as Org } from '../support/demo.js';
import { createWebhookAttempt, createWebhookDelivery, createWebhookEndpoint } from '../support/fixtures.js';
import { connectionPaths, connectionQuery, connectionsIn, identityOf, isConnectionType, type ConnectionPath } from '../support/schema-walk.js';
import { gid } from '../support/world.js';

const PAGE_SIZE = 3;
const paths = connectionPaths(schema);
const pathName = (path: ConnectionPath) => path.steps.map((step) => step.field).join('.');

/** The first end cursor of the path's connection in an answer, if any of its pages had rows. */
function endCursorIn(data: unknown, path: ConnectionPath): string | null {
  for (const connection of connectionsIn(data, path)) {
    const cursor = (connection as { pageInfo?: { endCursor?: string | null } } | null)?.pageInfo?.endCursor;
    if (cursor) return cursor;
  }
  return null;
}

function changedAt(cursor: string, index: number): string {
  const replacement = cursor[index] === 'A' ? 'B' : 'A';
  return `${cursor.slice(0, index)}${replacement}${cursor.slice(index + 1)}`;
}

/** An endpoint with more deliveries and attempts than a page, so its log's connections have pages to page. */
async function recordWebhookTraffic(db: Database, organizationId: string) {
  const endpoint = await createWebhookEndpoint(db.prisma, organizationId);
  for (let index = 0; index <= PAGE_SIZE; index++) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, index));
    const delivery = await createWebhookDelivery(db.prisma, endpoint, { occurredAt: at });
    await createWebhookAttempt(db.prisma, delivery, { startedAt: at });
  }
}

describe('connection cursors, for every connection of the schema', () => {
  let db: Database;
  let api: TestApi;
  let orgIds: Record<Org, string>;
  let tokens: Record<Org, string>;
  /** Each organization's first page of every path, and one cursor of each connection it was issued. */
  const firstPages = {} as Record<Org, Map<ConnectionPath, unknown>>;
  const issued = {} as Record<Org, Map<string, string>>;
  const refusals = new Set<string>();

  beforeAll(async () => {
    db = await openTestDatabase();
    api = await TestApi.start(db);
    ({ orgIds, tokens } = await demoTenants(api));
    // Two endpoints each, so that a cursor of one endpoint's log can be tried on the other's.
    for (const org of ['northwind', 'kiwi'] as const) for (const _endpoint of [1, 2]) await recordWebhookTraffic(db, orgIds[org]);
    for (const org of ['northwind', 'kiwi'] as const) {
      firstPages[org] = new Map();
      issued[org] = new Map();
      for (const path of paths) {
        const data = await api.ok(connectionQuery(path, PAGE_SIZE), { cursor: null }, tokens[org]);
        firstPages[org].set(path, data);
        const cursor = endCursorIn(data, path);
        if (cursor && !issued[org].has(path.coordinate)) issued[org].set(path.coordinate, cursor);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await api.close();
    await db.close();
  }, SEEDING_TIMEOUT_MS);

  /** Real rows of the victim, and the attacker's own, written the way cursors used to be: base64 of the row's key. */
  async function oldStyleCursors(path: ConnectionPath, attacker: Org, victim: Org): Promise<string[]> {
    const key = identityOf(path.nodeType);
    const delegate = (db.prisma as unknown as Record<string, { findFirst(args: object): Promise<Record<string, unknown>> }>)[
      path.nodeType.name[0]!.toLowerCase() + path.nodeType.name.slice(1)
    ]!;
    const victimRow = await delegate.findFirst({ where: { organizationId: orgIds[victim] }, select: { [key]: true } });
    const ownRow = await delegate.findFirst({ where: { organizationId: orgIds[attacker] }, select: { [key]: true } });
    // A row's key as it was written into cursors: text (an event's seq, a bigint, as its digits).
    return [victimRow, ownRow].map((row) => formatPrismaCursor({ [key]: String(row[key]) }, key));
  }

  it('walks to every connection type the schema has', () => {
    const connectionTypes = Object.values(schema.getTypeMap()).filter(isConnectionType).map((type) => type.name);
    expect([...new Set(paths.map((path) => path.connectionType.name))].sort()).toEqual(connectionTypes.sort());
  });

  for (const path of paths) {
    for (const [attacker, victim] of ATTACKS) {
      it(`refuses ${attacker} at ${pathName(path)} every cursor not issued to it for ${path.coordinate}`, async () => {
        const query = connectionQuery(path, PAGE_SIZE);
        const own = endCursorIn(firstPages[attacker].get(path), path) ?? issued[attacker].get(path.coordinate);
        const foreign = issued[victim].get(path.coordinate);
        const otherLists = [...issued[attacker]].filter(([coordinate]) => coordinate !== path.coordinate);
        const attacks: [what: string, cursor: string][] = [
          ...(foreign ? [['issued to the other organization', foreign] as [string, string]] : []),
          ...otherLists.map(([coordinate, cursor]): [string, string] => [`issued for ${coordinate}`, cursor]),
          ...(own ? [0, Math.floor(own.length / 2), own.length - 1] : []).map((index): [string, string] => [`changed at ${index}`, changedAt(own!, index)]),
          ...(await oldStyleCursors(path, attacker, victim)).map((cursor): [string, string] => ['a row id, the old way', cursor]),
          ['random base64', randomBytes(24).toString('base64')],
          ['a random id, the old way', formatPrismaCursor({ id: randomUUID() }, 'id')],
          ['empty', ''],
        ];

        // Each list the path reaches (one per parent row of a nested connection) refuses it at its own path.
        const lists = connectionsIn(firstPages[attacker].get(path), path).length;
        for (const [what, cursor] of attacks) {
          const result: GraphQLResult = await api.request(query, { cursor }, tokens[attacker]);
          expect(result.errors?.length ?? 0, what).toBe(lists);
          for (const error of result.errors ?? []) {
            expect(error.extensions?.code, what).toBe('BAD_USER_INPUT');
            refusals.add(error.message);
          }
          expect(connectionsIn(result.data, path).filter((connection) => connection != null), `${what}: nothing positioned`).toEqual([]);
        }
        expect(await api.ok(query, { cursor: null }, tokens[attacker]), 'the first page is as it was').toEqual(firstPages[attacker].get(path));
        const ownHere = endCursorIn(firstPages[attacker].get(path), path);
        if (ownHere) {
          // It pages the list it came from; a nested connection's other parents refuse it (a cursor is its parent's).
          const paged: GraphQLResult = await api.request(query, { cursor: ownHere }, tokens[attacker]);
          const positioned = connectionsIn(paged.data, path).filter((connection) => connection != null).length;
          expect(positioned, 'its own cursor still pages').toBeGreaterThan(0);
          expect((paged.errors ?? []).map((error) => error.message)).toEqual(Array(lists - positioned).fill('after: Not a cursor of this list'));
        }
      });
    }
  }

  /** Two rows of the type a nested connection hangs off, in the organization, each with more than a page of it. */
  const parentsOf: Record<string, (organizationId: string) => Promise<string[]>> = {
    Customer: async (organizationId) =>
      (await db.prisma.workOrder.groupBy({ by: ['customerId'], where: { organizationId }, _count: { _all: true }, orderBy: { customerId: 'asc' } }))
        .filter((group) => group._count._all > PAGE_SIZE)
        .map((group) => group.customerId),
    WebhookEndpoint: async (organizationId) => (await db.prisma.webhookEndpoint.findMany({ where: { organizationId }, orderBy: { id: 'asc' } })).map((endpoint) => endpoint.id),
  };
  const nested = [...new Set(paths.filter((path) => path.steps.length > 1).map((path) => path.coordinate))];

  it('finds a parent for every nested connection', () => {
    expect(nested.map((coordinate) => coordinate.split('.')[0]).filter((type) => !(type! in parentsOf))).toEqual([]);
  });

  for (const coordinate of nested) {
    it(`refuses at ${coordinate} a cursor of the same list of another ${coordinate.split('.')[0]}`, async () => {
      const [type, field] = coordinate.split('.') as [string, string];
      const query = `query ($id: ID!, $after: String, $before: String, $first: Int, $last: Int) { node(id: $id) { ... on ${type} {
        id ${field}(first: $first, last: $last, after: $after, before: $before) { edges { cursor } pageInfo { startCursor endCursor } } } } }`;
      for (const org of ['northwind', 'kiwi'] as const) {
        const [one, other] = (await parentsOf[type]!(orgIds[org])).map((rowId) => gid(type, rowId));
        expect(other, `${org} has two ${type}s with more than a page`).toBeDefined();
        const page = (await api.ok(query, { id: one, first: PAGE_SIZE }, tokens[org])).node[field];
        const attacks = [
          { first: PAGE_SIZE, after: page.pageInfo.endCursor },
          { last: PAGE_SIZE, before: page.pageInfo.endCursor },
        ];
        for (const variables of attacks) {
          const result: GraphQLResult = await api.request(query, { id: other, ...variables }, tokens[org]);
          const side = 'after' in variables ? 'after' : 'before';
          expect(result.errors?.map((error) => [error.extensions?.code, error.message, error.path]), `${org} ${side}`).toEqual([
            ['BAD_USER_INPUT', `${side}: Not a cursor of this list`, ['node', field]],
          ]);
          expect(result.data?.node, 'the other parent is still answered').toEqual({ id: other, [field]: null });
          expect((await api.request(query, { id: one, ...variables }, tokens[org])).errors, 'its own list still pages').toBeUndefined();
        }
      }
    });
  }

  it('pages every connection of both organizations and refuses with one message', () => {
    for (const org of ['northwind', 'kiwi'] as const) {
      expect([...issued[org].keys()].sort(), `${org} has a page of rows in every connection`).toEqual([...new Set(paths.map((path) => path.coordinate))].sort());
    }
    expect([...refusals]).toEqual(['after: Not a cursor of this list']);
  });
});
