import { beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { createCustomer, createWebhookAttempt, createWebhookDelivery, createWebhookEndpoint, createWorkOrder } from '../support/fixtures.js';
import { connectionPaths, connectionSelection, type ConnectionPath } from '../support/schema-walk.js';
import { worldForFile } from '../support/world-for-file.js';
import { gid } from '../support/world.js';

interface Page {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
}
const PAGE = `edges { cursor node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage }`;
const TIED_START = new Date('2027-03-01T15:00:00Z');

/** The shortest way to each connection of the schema, from the root. */
const CONNECTIONS = [...new Map(connectionPaths(schema).sort((a, b) => b.steps.length - a.steps.length).map((path) => [path.coordinate, path])).values()];
const where = (path: ConnectionPath) => path.steps.map((step) => step.field).join('.');

describe('paging a connection', () => {
  let statements = 0;
  const { db, world } = worldForFile({ onQuery: () => statements++ });
  /** A row of each type a nested connection hangs off, by type. */
  const parents: Record<string, string> = {};

  beforeAll(async () => {
    const parts = { organizationId: world.org.id, customer: world.customer, serviceTypeId: world.serviceType.id };
    for (let i = 0; i < 7; i += 1) await createCustomer(db.prisma, world.org.id, { name: 'Same Name' });
    await createCustomer(db.prisma, world.org.id, { name: 'Zed Last' });
    // Unassigned jobs may share a window: seven with one start, and three around them.
    for (let i = 0; i < 7; i += 1) await createWorkOrder(db.prisma, parts, { windowStart: TIED_START, windowEnd: new Date(TIED_START.getTime() + 3_600_000) });
    // An endpoint with a delivery and its attempt, so that the webhook log's connections are reached too.
    const endpoint = await createWebhookEndpoint(db.prisma, world.org.id);
    await createWebhookAttempt(db.prisma, await createWebhookDelivery(db.prisma, endpoint));
    parents.Customer = gid('Customer', world.customer.customer.id);
    parents.WebhookEndpoint = gid('WebhookEndpoint', endpoint.id);
    for (const hours of [-5, 2, 30]) {
      const windowStart = new Date(TIED_START.getTime() + hours * 3_600_000);
      await createWorkOrder(db.prisma, parts, { windowStart, windowEnd: new Date(windowStart.getTime() + 3_600_000) });
    }
  });

  const list = (field: string, args = '') => `query ($first: Int, $after: String, $last: Int, $before: String) {
    ${field}(first: $first, after: $after, last: $last, before: $before${args}) { ${PAGE} } }`;

  async function page(query: string, variables: Record<string, unknown>, token = world.tokens.dispatcher): Promise<Page> {
    const data = await world.api.ok(query, variables, token);
    return Object.values(data)[0] as Page;
  }

  async function forward(query: string, size: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages += 1) {
      const current: Page = await page(query, { first: size, after });
      ids.push(...current.edges.map((edge) => edge.node.id));
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!current.pageInfo.hasNextPage) return ids;
      after = current.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  async function backward(query: string, size: number): Promise<string[]> {
    const pages: string[][] = [];
    let before: string | null = null;
    for (let count = 0; count < 50; count += 1) {
      const current: Page = await page(query, { last: size, before });
      pages.unshift(current.edges.map((edge) => edge.node.id));
      if (!current.pageInfo.hasPreviousPage) return pages.flat();
      before = current.pageInfo.startCursor;
    }
    throw new Error('paging did not end');
  }

  it('pages customers two at a time through seven of the same name: every row once, in order', async () => {
    const whole = (await page(list('customers'), { first: 100 })).edges.map((edge) => edge.node.id);
    expect(whole).toHaveLength(await db.prisma.customer.count({ where: { organizationId: world.org.id } }));
    const paged = await forward(list('customers'), 2);
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
    expect(await backward(list('customers'), 3)).toEqual(whole);
  });

  it('pages work orders three at a time through seven with the same window start, both ways', async () => {
    const whole = (await page(list('workOrders'), { first: 100 })).edges.map((edge) => edge.node.id);
    expect(whole).toHaveLength(10);
    expect(await forward(list('workOrders'), 3)).toEqual(whole);
    expect(await backward(list('workOrders'), 3)).toEqual(whole);
    expect(await forward(list('workOrders', ', filter: { unassigned: true }'), 4)).toEqual(whole);
  });

  it("pages a customer's work orders, latest first, through the tie", async () => {
    const query = `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      node(id: $id) { ... on Customer { workOrders(first: $first, after: $after, last: $last, before: $before) { ${PAGE} } } } }`;
    const id = gid('Customer', world.customer.customer.id);
    const pageOf = async (variables: Record<string, unknown>) => (await world.api.ok(query, { id, ...variables }, world.tokens.dispatcher)).node.workOrders as Page;
    const whole = (await pageOf({ first: 100 })).edges.map((edge) => edge.node.id);
    const rows = await db.prisma.workOrder.findMany({ where: { customerId: world.customer.customer.id }, orderBy: [{ windowStart: 'desc' }, { id: 'asc' }] });
    expect(whole).toEqual(rows.map((row) => gid('WorkOrder', row.id)));
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const current: Page = await pageOf({ first: 2, after });
      paged.push(...current.edges.map((edge) => edge.node.id));
      after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(whole);
  });

  it("loads a page of customers with a page of each one's work orders in as many statements for 3 customers as for 10", async () => {
    const query = `query ($first: Int, $after: String) { customers(first: $first, after: $after) { edges { node { name
      workOrders(first: 3) { edges { cursor node { id label } } } } } } }`;
    const count = async (first: number) => {
      const start = statements;
      const data = await world.api.ok(query, { first }, world.tokens.dispatcher);
      expect(data.customers.edges).toHaveLength(first);
      return statements - start;
    };
    const after = (await page(list('customers'), { first: 1 })).pageInfo.endCursor;
    expect(await count(10)).toBe(await count(3));
    const start = statements;
    await world.api.ok(query, { first: 3, after }, world.tokens.dispatcher);
    expect(statements - start, 'a cursor costs no statement of its own').toBe(await count(3));
  });

  it('keeps a page in place when the row its cursor came from is gone', async () => {
    const extra = await createCustomer(db.prisma, world.org.id, { name: 'Same Name' });
    const before = (await page(list('customers'), { first: 100 })).edges;
    const at = before.findIndex((edge) => edge.node.id === gid('Customer', extra.customer.id));
    await db.prisma.vehicle.deleteMany({ where: { customerId: extra.customer.id } });
    await db.prisma.serviceAddress.deleteMany({ where: { customerId: extra.customer.id } });
    await db.prisma.customer.delete({ where: { id: extra.customer.id } });
    const next = await page(list('customers'), { first: 100, after: before[at]!.cursor });
    expect(next.edges.map((edge) => edge.node.id)).toEqual(before.slice(at + 1).map((edge) => edge.node.id));
  });

  describe('page sizes', () => {
    const LISTS = {
      'Query.workOrders': `query ($first: Int, $last: Int) { workOrders(first: $first, last: $last) { edges { cursor } } }`,
      'Query.customers': `query ($first: Int, $last: Int) { customers(first: $first, last: $last) { edges { cursor } } }`,
      'Query.events': `query ($first: Int, $last: Int) { events(first: $first, last: $last) { edges { cursor } } }`,
      'Customer.workOrders': `query ($id: ID!, $first: Int, $last: Int) { node(id: $id) { ... on Customer { workOrders(first: $first, last: $last) { edges { cursor } } } } }`,
    };
    const ask = (query: string, size: Record<string, number>) =>
      world.api.request(query, { id: gid('Customer', world.customer.customer.id), ...size }, world.tokens.dispatcher);

    it.each(Object.entries(LISTS))('refuses %s a page over 100 rows, naming the maximum, rather than cutting it short', async (_list, query) => {
      for (const [name, size] of [['first', 101], ['last', 101], ['first', 2 ** 31 - 1]] as const) {
        const result = await ask(query, { [name]: size });
        expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
          ['BAD_USER_INPUT', `${name}: At most 100 rows a page: page on with the cursors`],
        ]);
      }
      expect((await ask(query, { first: 100 })).errors).toBeUndefined();
      expect((await ask(query, { last: 100 })).errors).toBeUndefined();
    });

    it.each(Object.entries(LISTS))('refuses %s a negative page size', async (_list, query) => {
      for (const name of ['first', 'last']) {
        const result = await ask(query, { [name]: -1 });
        expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([['BAD_USER_INPUT', `${name}: Must be 0 or more`]]);
      }
    });

    it.each(CONNECTIONS.map((path) => [path.coordinate, path] as const))('refuses %s first and last together, rather than dropping last', async (_coordinate, path) => {
      const result = await world.api.request(`{ ${connectionSelection(path, 'first: 5, last: 2')} }`, {}, world.tokens.admin);
      expect(result.errors?.length, where(path)).toBeGreaterThan(0);
      for (const error of result.errors!) {
        expect([error.extensions?.code, error.message]).toEqual(['BAD_USER_INPUT', 'last: Not with first: page forward with first and after, or back with last and before']);
      }
    });

    it.each(CONNECTIONS.filter((path) => path.steps.length > 1).map((path) => [path.coordinate, path] as const))(
      'refuses a bad page size of %s at that connection, keeping the parent that holds it',
      async (coordinate) => {
        const [type, field] = coordinate.split('.') as [string, string];
        for (const args of ['first: 101', 'last: -1', 'first: 5, last: 2']) {
          const query = `query ($id: ID!) { node(id: $id) { ... on ${type} { id ${field}(${args}) { edges { cursor } } } } }`;
          const result = await world.api.request(query, { id: parents[type] }, world.tokens.admin);
          expect(result.errors?.map((error) => [error.extensions?.code, error.path]), `${coordinate}(${args})`).toEqual([['BAD_USER_INPUT', ['node', field]]]);
          expect(result.data, 'the parent stays').toEqual({ node: { id: parents[type], [field]: null } });
        }
      },
    );

    it("answers a customer list with a bad page size of each customer's work orders with the customers", async () => {
      const listed = await world.api.request(`{ customers(first: 2) { edges { node { name workOrders(first: 101) { totalCount } } } } }`, {}, world.tokens.dispatcher);
      expect(listed.data?.customers.edges).toHaveLength(2);
      for (const edge of listed.data!.customers.edges) expect(edge.node).toMatchObject({ name: expect.any(String), workOrders: null });
      expect(listed.errors?.map((error) => [error.extensions?.code, error.message, error.path])).toEqual([0, 1].map((index) => [
        'BAD_USER_INPUT',
        'first: At most 100 rows a page: page on with the cursors',
        ['customers', 'edges', index, 'node', 'workOrders'],
      ]));
      const one = await world.api.request(`query ($id: ID!) { node(id: $id) { ... on Customer { name workOrders(first: 101) { totalCount } } } }`, {
        id: gid('Customer', world.customer.customer.id),
      }, world.tokens.dispatcher);
      expect(one.data).toEqual({ node: { name: 'Metro Plumbing', workOrders: null } });
      expect(one.errors?.map((error) => [error.extensions?.code, error.path])).toEqual([['BAD_USER_INPUT', ['node', 'workOrders']]]);
    });

    it('answers first: 0 with an empty page that still counts the list and says more follows', async () => {
      const counted = await world.api.ok(`{ workOrders(first: 0) { edges { cursor } totalCount pageInfo { hasNextPage endCursor } } }`, {}, world.tokens.dispatcher);
      const everything = await page(list('workOrders'), { first: 100 });
      expect(counted.workOrders).toEqual({ edges: [], totalCount: everything.edges.length, pageInfo: { hasNextPage: true, endCursor: null } });
    });
  });

  it('refuses a cursor of the same list with other arguments, or of another caller of the organization', async () => {
    const refusal = async (query: string, variables: Record<string, unknown>, token: string) => {
      const result = await world.api.request(query, variables, token);
      expect(result.data ?? null).toBeNull();
      return result.errors!.map((error) => [error.extensions?.code, error.message]);
    };
    const unassigned = await page(list('workOrders', ', filter: { unassigned: true }'), { first: 2 });
    const searched = await page(list('customers', ', search: "Same"'), { first: 2 });
    const office = await page(list('workOrders'), { first: 2 });
    const expected = [['BAD_USER_INPUT', 'after: Not a cursor of this list']];
    expect(await refusal(list('workOrders'), { first: 2, after: unassigned.pageInfo.endCursor }, world.tokens.dispatcher)).toEqual(expected);
    expect(await refusal(list('customers'), { first: 2, after: searched.pageInfo.endCursor }, world.tokens.dispatcher)).toEqual(expected);
    expect(await refusal(list('workOrders'), { first: 2, after: office.pageInfo.endCursor }, world.tokens.technician)).toEqual(expected);
    expect(await refusal(list('workOrders'), { last: 2, before: searched.pageInfo.endCursor }, world.tokens.dispatcher)).toEqual([
      ['BAD_USER_INPUT', 'before: Not a cursor of this list'],
    ]);
    expect(await refusal(list('workOrders'), { first: -1 }, world.tokens.dispatcher)).toEqual([['BAD_USER_INPUT', 'first: Must be 0 or more']]);
    // The same arguments spelled differently are the same list.
    const spelled = await world.api.request(list('workOrders', ', filter: { statuses: null, unassigned: true }'), { first: 2, after: unassigned.pageInfo.endCursor }, world.tokens.dispatcher);
    expect(spelled.errors).toBeUndefined();
  });
});
