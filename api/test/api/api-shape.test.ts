import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COST } from '../../src/limits/policy.js';
import { createCustomer, createWorkOrder } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { createWorld, gid, type World } from '../support/world.js';

const HOUR = 3_600_000;
const START = Date.UTC(2027, 8, 6, 14);

/** The shape integrators' tools rely on: shared connection types, totals, order, nodes, error unions. */
describe('the API as integrators meet it', () => {
  const { db, world } = worldForFile();
  let other: World;
  let zora: World['customer'];
  let slot = 0;

  /** A work order of the world's customer (or another), each in a window of its own. */
  async function job(w: World, options: { technicianId?: string | null; customer?: World['customer']; number?: number } = {}) {
    const windowStart = new Date(START + slot++ * 2 * HOUR);
    return createWorkOrder(
      db.prisma,
      { organizationId: w.org.id, customer: options.customer ?? w.customer, serviceTypeId: w.serviceType.id, technicianId: options.technicianId ?? null },
      { windowStart, windowEnd: new Date(windowStart.getTime() + HOUR), ...(options.number ? { number: options.number } : {}) },
    );
  }

  beforeAll(async () => {
    other = await createWorld(db);
    zora = await createCustomer(db.prisma, world.org.id, { name: 'Zora Quinn' });
    // Numbers in the opposite order of the windows, so that the two orders differ.
    for (let i = 0; i < 4; i += 1) await job(world, { technicianId: world.technician.id, number: 900 - i });
    for (let i = 0; i < 3; i += 1) await job(world, { technicianId: world.otherTechnician.id, customer: zora });
    for (let i = 0; i < 2; i += 1) await job(world, { customer: zora });
    for (let i = 0; i < 5; i += 1) await job(other);
  });
  afterAll(async () => {
    await other.api.close();
  });

  const TOTAL = `query ($filter: WorkOrderFilter) { workOrders(first: 2, filter: $filter) { totalCount edges { node { id } } } }`;
  const totalFor = async (w: World, token: string, filter?: object) => (await w.api.ok(TOTAL, { filter }, token)).workOrders.totalCount as number;

  describe('connection types', () => {
    it('are one per node type, so one fragment serves Query.workOrders and Customer.workOrders', async () => {
      const fragment = `fragment Jobs on WorkOrderConnection { __typename totalCount edges { __typename cursor node { id } } }`;
      const data = await world.api.ok(
        `query ($id: ID!) { workOrders(first: 1) { ...Jobs } node(id: $id) { ... on Customer { workOrders(first: 1) { ...Jobs } } } customers(first: 1) { __typename edges { __typename } } } ${fragment}`,
        { id: gid('Customer', world.customer.customer.id) },
        world.tokens.dispatcher,
      );
      expect(data.workOrders.__typename).toBe('WorkOrderConnection');
      expect(data.node.workOrders.__typename).toBe('WorkOrderConnection');
      expect(data.workOrders.edges[0].__typename).toBe('WorkOrderEdge');
      expect(data.customers).toMatchObject({ __typename: 'CustomerConnection', edges: [{ __typename: 'CustomerEdge' }] });
    });
  });

  describe('totalCount', () => {
    it('counts every row of the list, not the page, on every page', async () => {
      expect(await totalFor(world, world.tokens.dispatcher)).toBe(9);
      const first = await world.api.ok(`{ workOrders(first: 2) { pageInfo { endCursor } } }`, {}, world.tokens.dispatcher);
      const second = await world.api.ok(
        `query ($after: String) { workOrders(first: 2, after: $after) { totalCount } }`,
        { after: first.workOrders.pageInfo.endCursor },
        world.tokens.dispatcher,
      );
      expect(second.workOrders.totalCount).toBe(9);
    });

    it('counts with the same filter as the list', async () => {
      const filter = { technicianId: gid('Technician', world.otherTechnician.id) };
      const listed = await world.api.ok(`query ($filter: WorkOrderFilter) { workOrders(first: 100, filter: $filter) { totalCount edges { node { id } } } }`, { filter }, world.tokens.dispatcher);
      expect(listed.workOrders.totalCount).toBe(3);
      expect(listed.workOrders.edges).toHaveLength(3);
      expect(await totalFor(world, world.tokens.dispatcher, { unassigned: true })).toBe(2);
    });

    it("is a technician's own jobs for a technician, and a customer's own for a customer", async () => {
      expect(await totalFor(world, world.tokens.technician)).toBe(4);
      expect(await totalFor(world, world.tokens.otherTechnician)).toBe(3);
      expect(await totalFor(world, world.tokens.customer)).toBe(4);
      // A filter naming what they may not see adds nothing.
      expect(await totalFor(world, world.tokens.technician, { technicianId: gid('Technician', world.otherTechnician.id) })).toBe(0);
      expect(await totalFor(world, world.tokens.customer, { customerId: gid('Customer', zora.customer.id) })).toBe(0);
    });

    it("is the second organization's own count, whatever the first holds", async () => {
      expect(await totalFor(other, other.tokens.dispatcher)).toBe(5);
      expect(await totalFor(other, other.tokens.dispatcher, { customerId: gid('Customer', world.customer.customer.id) })).toBe(0);
    });

    it("counts a customer's work orders inside Customer.workOrders within the caller's visible rows", async () => {
      const byNode = `query ($id: ID!) { node(id: $id) { ... on Customer { workOrders(first: 1) { totalCount } } } }`;
      const id = gid('Customer', zora.customer.id);
      expect((await world.api.ok(byNode, { id }, world.tokens.dispatcher)).node.workOrders.totalCount).toBe(5);
      expect((await other.api.ok(byNode, { id }, other.tokens.dispatcher)).node).toBeNull();
      // A technician reaches the customer through their own job, and counts only their own jobs of it.
      const throughJobs = `{ workOrders(first: 1) { edges { node { customer { workOrders(first: 1) { totalCount } } } } } }`;
      const seen = await world.api.ok(throughJobs, {}, world.tokens.otherTechnician);
      expect(seen.workOrders.edges[0].node.customer.workOrders.totalCount).toBe(3);
    });

    it('counts customers as the list holds them, search included, in each organization', async () => {
      const count = async (w: World, search?: string) =>
        (await w.api.ok(`query ($search: String) { customers(first: 1, search: $search) { totalCount } }`, { search }, w.tokens.dispatcher)).customers.totalCount;
      expect(await count(world)).toBe(3);
      expect(await count(world, 'Zora')).toBe(1);
      expect(await count(other)).toBe(2);
      expect(await count(other, 'Zora')).toBe(0);
    });

    it('is priced once per connection in the requested cost, and charged in the actual cost only when it ran', async () => {
      const cost = async (query: string) =>
        (await world.api.request(query, {}, world.tokens.dispatcher)).extensions?.cost as { requestedQueryCost: number; actualQueryCost: number };
      const without = await cost(`{ workOrders(first: 2) { edges { node { id } } } }`);
      const withTotal = await cost(`{ workOrders(first: 2) { totalCount edges { node { id } } } }`);
      expect(withTotal.requestedQueryCost - without.requestedQueryCost).toBe(COST.totalCount);
      expect(withTotal.actualQueryCost - without.actualQueryCost).toBe(COST.totalCount);
      const aliased = await cost(`{ workOrders(first: 2) { a: totalCount b: totalCount edges { node { id } } } }`);
      expect(aliased.actualQueryCost - without.actualQueryCost).toBe(2 * COST.totalCount);
      const inFragment = await cost(`{ workOrders(first: 2) { ...Total edges { node { id } } } } fragment Total on WorkOrderConnection { totalCount }`);
      expect(inFragment.requestedQueryCost).toBe(withTotal.requestedQueryCost);
      // Skipped, it is not run, and the price stays an overestimate rather than an underestimate.
      const skipped = await cost(`{ workOrders(first: 2) { totalCount @skip(if: true) edges { node { id } } } }`);
      expect(skipped.requestedQueryCost).toBeGreaterThanOrEqual(without.requestedQueryCost);
      expect(skipped.actualQueryCost).toBe(without.actualQueryCost);
    });
  });

  describe('orderBy', () => {
    const ORDERED = `query ($orderBy: WorkOrderOrder, $first: Int, $after: String, $filter: WorkOrderFilter) {
      workOrders(first: $first, after: $after, orderBy: $orderBy, filter: $filter) { edges { node { number } } pageInfo { endCursor hasNextPage } } }`;
    const ordered = (orderBy: object | null, first = 10, after?: string) =>
      world.api.request(ORDERED, { orderBy, first, after, filter: { technicianId: gid('Technician', world.technician.id) } }, world.tokens.dispatcher);
    const numbers = (result: { data?: { workOrders: { edges: { node: { number: number } }[] } } }) => result.data!.workOrders.edges.map((edge) => edge.node.number);

    it('sorts by the field and direction asked for, window start ascending by default', async () => {
      expect(numbers(await ordered(null))).toEqual([900, 899, 898, 897]);
      expect(numbers(await ordered({ field: 'NUMBER', direction: 'ASC' }))).toEqual([897, 898, 899, 900]);
      expect(numbers(await ordered({ field: 'WINDOW_START', direction: 'DESC' }))).toEqual([897, 898, 899, 900]);
    });

    it('pages through every row once in the order asked for', async () => {
      const seen: number[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages += 1) {
        const page = await ordered({ field: 'NUMBER', direction: 'DESC' }, 1, after);
        seen.push(...numbers(page));
        if (!page.data!.workOrders.pageInfo.hasNextPage) break;
        after = page.data!.workOrders.pageInfo.endCursor;
      }
      expect(seen).toEqual([900, 899, 898, 897]);
    });

    it('refuses a cursor read in one order with another, and accepts it with the same order spelled out', async () => {
      const first = await ordered({ field: 'NUMBER', direction: 'ASC' }, 1);
      const cursor = first.data!.workOrders.pageInfo.endCursor;
      for (const orderBy of [{ field: 'NUMBER', direction: 'DESC' }, { field: 'WINDOW_START', direction: 'ASC' }, null]) {
        const refused = await ordered(orderBy, 1, cursor);
        expect(refused.data?.workOrders ?? null).toBeNull();
        expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('Not a cursor of this list'), extensions: { code: 'BAD_USER_INPUT' } });
      }
      const byDefault = await ordered(null, 1);
      const spelledOut = await ordered({ field: 'WINDOW_START', direction: 'ASC' }, 1, byDefault.data!.workOrders.pageInfo.endCursor);
      expect(numbers(spelledOut)).toEqual([899]);
    });

    it('sorts customers by name or by when they were added', async () => {
      const names = async (orderBy: object) =>
        (await world.api.ok(`query ($orderBy: CustomerOrder) { customers(first: 100, orderBy: $orderBy) { edges { node { name } } } }`, { orderBy }, world.tokens.dispatcher)).customers.edges.map(
          (edge: { node: { name: string } }) => edge.node.name,
        );
      expect(await names({ field: 'NAME', direction: 'DESC' })).toEqual(['Zora Quinn', 'Olivia Bennett', 'Metro Plumbing']);
      expect(await names({ field: 'CREATED_AT', direction: 'ASC' })).toEqual(['Metro Plumbing', 'Olivia Bennett', 'Zora Quinn']);
    });

    it('refuses an order field or direction that is not one', async () => {
      for (const orderBy of [{ field: 'PRICE', direction: 'ASC' }, { field: 'NUMBER', direction: 'UP' }, { field: 'NUMBER' }]) {
        const refused = await ordered(orderBy);
        expect(refused.data).toBeUndefined();
        expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('User and ApiKey nodes', () => {
    const NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on User { email role } ... on ApiKey { name scopes } } }`;
    const loginsOf = async (w: World) => (await w.api.ok(`{ users { id } apiKeys { id } }`, {}, w.tokens.admin)) as { users: { id: string }[]; apiKeys: { id: string }[] };

    it('are global IDs that node() and nodes() resolve for an admin', async () => {
      const { users, apiKeys } = await loginsOf(world);
      expect((await world.api.ok(NODE, { id: users[0]!.id }, world.tokens.admin)).node).toMatchObject({ __typename: 'User', id: users[0]!.id });
      expect((await world.api.ok(NODE, { id: apiKeys[0]!.id }, world.tokens.admin)).node).toMatchObject({ __typename: 'ApiKey', id: apiKeys[0]!.id });
      const both = await world.api.ok(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [users[0]!.id, apiKeys[0]!.id] }, world.tokens.admin);
      expect(both.nodes.map((node: { __typename: string }) => node.__typename)).toEqual(['User', 'ApiKey']);
    });

    it("answers null for another organization's user or key, like an ID that names nothing", async () => {
      const theirs = await loginsOf(other);
      for (const id of [theirs.users[0]!.id, theirs.apiKeys[0]!.id]) {
        expect((await world.api.ok(NODE, { id }, world.tokens.admin)).node).toBeNull();
        expect((await world.api.ok(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id] }, world.tokens.admin)).nodes).toEqual([null]);
      }
    });

    it('answers null to every caller who may not read logins: a customer, a technician, a dispatcher, a read key', async () => {
      const { users, apiKeys } = await loginsOf(world);
      for (const token of [world.tokens.customer, world.tokens.technician, world.tokens.dispatcher, world.tokens.readKey]) {
        for (const id of [users[0]!.id, apiKeys[0]!.id]) expect((await world.api.ok(NODE, { id }, token)).node).toBeNull();
      }
    });

    it("refuses a user's bare UUID where a User ID is asked for, changing nothing", async () => {
      const user = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'DISPATCHER' } });
      for (const id of [user.id, gid('Technician', user.id)]) {
        const result = await world.api.ok(
          `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on ValidationError { fieldErrors { path } } } }`,
          { input: { id, active: false } },
          world.tokens.admin,
        );
        expect(result.updateUser).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'id'] }] });
      }
      expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deactivatedAt).toBeNull();
    });
  });

  describe('nodes(ids:)', () => {
    it('answers a malformed ID with null at its place and an error carrying its path, the others still resolved', async () => {
      const good = [gid('Customer', world.customer.customer.id), gid('Technician', world.technician.id)];
      const malformed = ['not a global id', gid('Invoice', world.customer.customer.id), gid('Customer', 'not-a-uuid'), ''];
      for (const bad of malformed) {
        const result = await world.api.request(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: [good[0], bad, good[1]] }, world.tokens.dispatcher);
        expect(result.data?.nodes).toEqual([{ __typename: 'Customer', id: good[0] }, null, { __typename: 'Technician', id: good[1] }]);
        expect(result.errors).toEqual([expect.objectContaining({ path: ['nodes', 1], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      }
    });

    it('answers the same through the standard executor (a document of several operations)', async () => {
      const good = gid('Customer', world.customer.customer.id);
      const response = await world.api.app.yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens.dispatcher}` },
        body: JSON.stringify({
          query: `query Other { viewer { name } } query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
          operationName: 'Nodes',
          variables: { ids: ['nope', good] },
        }),
      });
      const result = (await response.json()) as { data: { nodes: unknown[] }; errors: { path: unknown[] }[] };
      expect(result.data.nodes).toEqual([null, { id: good }]);
      expect(result.errors.map((error) => error.path)).toEqual([['nodes', 0]]);
    });

    it('answers a malformed ID to node() with null and an error on node', async () => {
      const result = await world.api.request(`{ node(id: "nope") { id } }`, {}, world.tokens.dispatcher);
      expect(result.data).toEqual({ node: null });
      expect(result.errors).toEqual([expect.objectContaining({ path: ['node'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    });
  });

  describe('errors and the viewer', () => {
    it('lets a client read code and message on the Error interface', async () => {
      const result = await world.api.ok(`mutation { createCustomer(input: { name: "  " }) { __typename ... on Error { code message } } }`, {}, world.tokens.dispatcher);
      expect(result.createCustomer).toMatchObject({ __typename: 'ValidationError', code: 'BAD_USER_INPUT', message: expect.any(String) });
    });

    it('refuses asking createWorkOrder for an error it cannot return', async () => {
      const result = await world.api.request(
        `mutation ($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) { ... on StaleWriteError { currentVersion } } }`,
        { input: {} },
        world.tokens.dispatcher,
      );
      expect(result.errors?.[0]?.message).toContain('can never be of type "StaleWriteError"');
    });

    it('says with an enum whether the viewer is a user or an API key', async () => {
      const kind = async (token: string) => (await world.api.ok(`{ viewer { kind } }`, {}, token)).viewer.kind;
      expect(await kind(world.tokens.admin)).toBe('USER');
      expect(await kind(world.tokens.readKey)).toBe('API_KEY');
    });
  });
});
