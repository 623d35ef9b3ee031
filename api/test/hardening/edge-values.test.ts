import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../support/credentials.js';
import { worldForFile } from '../support/world-for-file.js';
import { CREATE_WORK_ORDER, createWorld, gid, newWorkOrderInput, type World } from '../support/world.js';
import { Subscription, listen, wsClient } from '../support/ws-client.js';

/** A global ID whose UUID is written in upper case, as some clients and spreadsheets do. */
const upperGid = (typename: string, id: string) => encodeGlobalID(typename, id.toUpperCase());

const RANGE = 'between 2000-01-01 and 2199-12-31';

describe('values at the edge of what the product and the database hold', () => {
  const { db, world } = worldForFile();
  let stranger: World;

  beforeAll(async () => {
    stranger = await createWorld(db);
  });
  afterAll(async () => {
    await stranger.api.close();
  });

  /** The one request error of a refused value: BAD_USER_INPUT, naming the value's type and range. */
  function expectRefused(result: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }, message: string) {
    expect(result.errors, JSON.stringify(result)).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ message: expect.stringContaining(message), extensions: { code: 'BAD_USER_INPUT' } });
  }

  describe('DateTime', () => {
    it.each(['9999-12-31T23:00:00Z', '0000-01-01T00:00:00Z', '1999-12-31T23:59:59.999Z', '2200-01-01T00:00:00Z', '2199-12-31T23:00:00-05:00'])(
      'refuses windowStart %s and books nothing',
      async (windowStart) => {
        const before = await db.prisma.workOrder.count();
        const result = await world.api.request(CREATE_WORK_ORDER, { input: newWorkOrderInput(world, { windowStart, technicianId: null }) }, world.tokens.dispatcher);
        expectRefused(result, `DateTime must be ${RANGE}`);
        expect(await db.prisma.workOrder.count()).toBe(before);
      },
    );

    it('refuses an out-of-range instant written inline in the query too', async () => {
      const result = await world.api.request(
        `mutation { updateWorkOrder(input: { id: "${gid('WorkOrder', '00000000-0000-4000-8000-000000000000')}", windowStart: "9999-12-31T23:00:00Z" }) { __typename } }`,
        {},
        world.tokens.dispatcher,
      );
      expectRefused(result, `DateTime must be ${RANGE}`);
    });

    it.each(['2000-01-01T00:00:00Z', '2199-12-31T22:00:00Z'])('books a job at the edge of the range, %s', async (windowStart) => {
      const result = await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world, { windowStart, technicianId: null }) }, world.tokens.dispatcher);
      expect(result.createWorkOrder).toMatchObject({ __typename: 'MutationCreateWorkOrderSuccess', workOrder: { windowStart: new Date(windowStart).toISOString() } });
    });
  });

  describe('Date', () => {
    const SCHEDULE = `query ($date: Date!) { schedule(date: $date) { date lastSeq } }`;
    const WORK_ORDERS = `query ($filter: WorkOrderFilter) { workOrders(first: 5, filter: $filter) { edges { node { id } } } }`;

    it.each(['0000-01-01', '9999-12-31', '1999-12-31', '2200-01-01'])('refuses schedule(date: %s)', async (date) => {
      expectRefused(await world.api.request(SCHEDULE, { date }, world.tokens.dispatcher), `Date must be ${RANGE}`);
    });

    it.each(['2000-01-01', '2199-12-31'])('reads the schedule of %s, at the edge of the range', async (date) => {
      expect((await world.api.ok(SCHEDULE, { date }, world.tokens.dispatcher)).schedule.date).toBe(date);
    });

    it.each([{ from: '0000-01-01' }, { to: '9999-12-31' }, { from: '2027-01-01', to: '10000-01-01' }])('refuses workOrders(filter: %j)', async (filter) => {
      const result = await world.api.request(WORK_ORDERS, { filter }, world.tokens.dispatcher);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/Date/);
    });

    it('refuses a date literal out of range in the query', async () => {
      const result = await world.api.request(`{ workOrders(first: 1, filter: { from: "0000-01-01" }) { edges { cursor } } }`, {}, world.tokens.dispatcher);
      expectRefused(result, `Date must be ${RANGE}`);
    });

    it('filters with the widest range the product takes', async () => {
      const result = await world.api.ok(WORK_ORDERS, { filter: { from: '2000-01-01', to: '2199-12-31' } }, world.tokens.dispatcher);
      expect(result.workOrders.edges.length).toBeGreaterThan(0);
    });
  });

  describe('HexColorCode', () => {
    const UPDATE_TECHNICIAN = `mutation ($input: UpdateTechnicianInput!) {
      updateTechnician(input: $input) { __typename ... on ValidationError { fieldErrors { path message } } }
    }`;

    it.each(['#ggg', 'ffffff', '', '#12345'])('refuses %j as a colour before anything runs', async (color) => {
      const result = await world.api.request(UPDATE_TECHNICIAN, { input: { id: gid('Technician', world.otherTechnician.id), color } }, world.tokens.admin);
      expectRefused(result, 'HexColorCode');
    });

    it('takes only #rrggbb for a technician, and keeps the colour it had', async () => {
      const result = await world.api.ok(UPDATE_TECHNICIAN, { input: { id: gid('Technician', world.otherTechnician.id), color: '#fff' } }, world.tokens.admin);
      expect(result.updateTechnician).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'color'] }] });
      expect((await db.prisma.technician.findUniqueOrThrow({ where: { id: world.otherTechnician.id } })).color).toBe('#16a34a');
    });
  });

  describe('event sequence numbers (`after`)', () => {
    let url: string;
    beforeAll(async () => {
      url = await listen(world.api.app);
    });

    const subscribe = (after: string) => {
      const { client } = wsClient(url, world.tokens.dispatcher);
      const subscription = new Subscription(client, `subscription ($after: String) { scheduleChanged(date: "2027-01-04", after: $after) { seq } }`, { after });
      return { client, subscription };
    };

    it.each(['9223372036854775808', '9'.repeat(19), '1'.repeat(20), '-1', '1e3', ' 1'])('refuses after: %s with a typed error', async (after) => {
      const { client, subscription } = subscribe(after);
      await subscription.done;
      expect(JSON.stringify(subscription.errors)).toContain('An event sequence number');
      expect(JSON.stringify(subscription.errors)).toContain('BAD_USER_INPUT');
      await client.dispose();
    });

    it('takes the smallest sequence number, and refuses the largest bigint as no seq of the organization yet', async () => {
      const largest = subscribe('9223372036854775807');
      const smallest = subscribe('0');
      await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world, { windowStart: '2027-01-04T15:00:00Z', technicianId: null }) }, world.tokens.dispatcher);
      // after: 0 replays the day from the start, this job included.
      expect((await smallest.subscription.waitFor(1))[0]).toHaveProperty('scheduleChanged.seq');
      // Nothing would come after the largest bigint for ages: a typed refusal, not a stream that stays silent.
      await largest.subscription.done;
      expect(JSON.stringify(largest.subscription.errors)).toContain('No event you may see has this seq or a later one');
      expect(JSON.stringify(largest.subscription.errors)).toContain('BAD_USER_INPUT');
      expect(largest.subscription.received).toEqual([]);
      for (const { client, subscription } of [largest, smallest]) {
        subscription.close();
        await client.dispose();
      }
    });
  });

  describe('IDs with an upper-case UUID', () => {
    it('normalize: a work order is booked with every reference written in upper case', async () => {
      const input = newWorkOrderInput(world, {
        customerId: upperGid('Customer', world.customer.customer.id),
        vehicleId: upperGid('Vehicle', world.customer.vehicle.id),
        serviceTypeId: upperGid('ServiceType', world.serviceType.id),
        serviceAddressId: upperGid('ServiceAddress', world.customer.address.id),
        technicianId: upperGid('Technician', world.technician.id),
      });
      const result = await world.api.ok(CREATE_WORK_ORDER, { input }, world.tokens.dispatcher);
      expect(result.createWorkOrder).toMatchObject({ __typename: 'MutationCreateWorkOrderSuccess', workOrder: { customer: { name: 'Metro Plumbing' } } });
      const rowId = (await db.prisma.workOrder.findFirstOrThrow({ where: { organizationId: world.org.id, windowStart: new Date(input.windowStart) } })).id;

      const read = await world.api.ok(
        `query ($id: ID!) { workOrder(id: $id) { id } node(id: $id) { id } nodes(ids: [$id]) { id } }`,
        { id: upperGid('WorkOrder', rowId) },
        world.tokens.dispatcher,
      );
      expect(read).toEqual({ workOrder: { id: gid('WorkOrder', rowId) }, node: { id: gid('WorkOrder', rowId) }, nodes: [{ id: gid('WorkOrder', rowId) }] });
    });

    it("are refused like their lower-case form when they name another customer's or organization's rows", async () => {
      const foreign = (transform: (typename: string, id: string) => string) =>
        world.api.ok(
          CREATE_WORK_ORDER,
          { input: newWorkOrderInput(world, { vehicleId: transform('Vehicle', world.otherCustomer.vehicle.id), serviceTypeId: transform('ServiceType', stranger.serviceType.id) }) },
          world.tokens.dispatcher,
        );
      const lower = (await foreign(gid)).createWorkOrder;
      const upper = (await foreign(upperGid)).createWorkOrder;
      expect(lower.__typename).toBe('ValidationError');
      expect(upper).toEqual(lower);
    });

    it('reach the API key a revocation names', async () => {
      const { id } = await issueApiKey(world.api, world.tokens.admin, 'Upper');
      const revoked = await world.api.ok(
        `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { __typename ... on MutationRevokeApiKeySuccess { apiKey { id revokedAt } } } }`,
        { id: gid('ApiKey', decodeGlobalID(id).id.toUpperCase()) },
        world.tokens.admin,
      );
      expect(revoked.revokeApiKey).toMatchObject({ __typename: 'MutationRevokeApiKeySuccess', apiKey: { id } });
    });
  });
});
