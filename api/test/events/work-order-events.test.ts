import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { createWorld, gid, newWorkOrderInput, type World } from '../support/world.js';

const ADD_TIME_OFF = `mutation ($input: AddTimeOffInput!) { addTimeOff(input: $input) { __typename ... on Error { message } } }`;
const BOOK = `mutation ($input: CreateWorkOrderInput!) { createWorkOrder(input: $input) {
  __typename ... on Error { message } ... on MutationCreateWorkOrderSuccess { workOrder { id } } } }`;
const UPDATE = `mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { __typename ... on Error { message } } }`;
const TIMELINE = `query ($id: ID!) { workOrder(id: $id) { events { seq type availabilityOverride { kind message } } } }`;
const LOG = `query ($after: String) { events(first: 100, after: $after) {
  edges { node { seq workOrderId availabilityOverride { message } } } pageInfo { hasNextPage endCursor } } }`;

interface Event {
  seq: string;
  type: string;
  availabilityOverride: { kind: string; message: string } | null;
}

// Devon (the world's other technician) is at the dentist on 1 June 2027 from 12:00 to 15:00 UTC.
const OFF = { startsAt: '2027-06-01T12:00:00.000Z', endsAt: '2027-06-01T15:00:00.000Z', reason: 'Dentist appointment' };

/** WorkOrder.events against the event log (`events`), for every caller: the same events, the same overrides. */
describe("a work order's events, as each caller may see them", () => {
  let db: Database;
  let world: World;
  /** Booked for Devon in his time off, then handed to Maria: Maria sees only the handover on. */
  let handedToMaria: string;
  /** Booked for Maria, then handed to Devon in his time off: Maria sees the handover, not why Devon is off. */
  let handedToDevon: string;
  const devon = () => gid('Technician', world.otherTechnician.id);
  const maria = () => gid('Technician', world.technician.id);

  async function book(technicianId: string, windowStart: string): Promise<string> {
    const input = newWorkOrderInput(world, { technicianId, windowStart, overrideAvailability: true });
    const data = await world.api.ok(BOOK, { input }, world.tokens.dispatcher);
    expect(data.createWorkOrder.__typename).toBe('MutationCreateWorkOrderSuccess');
    return data.createWorkOrder.workOrder.id;
  }

  async function reassign(id: string, technicianId: string) {
    const data = await world.api.ok(UPDATE, { input: { id, technicianId, overrideAvailability: true } }, world.tokens.dispatcher);
    expect(data.updateWorkOrder.__typename).toBe('MutationUpdateWorkOrderSuccess');
  }

  const timeline = async (id: string, token: string): Promise<Event[] | null> =>
    ((await world.api.ok(TIMELINE, { id }, token)).workOrder?.events as Event[] | undefined) ?? null;

  /** The caller's events of one work order in the log, every page read. */
  async function logged(id: string, token: string): Promise<{ seq: string; availabilityOverride: { message: string } | null }[]> {
    const found: { seq: string; workOrderId: string; availabilityOverride: { message: string } | null }[] = [];
    let after: string | null = null;
    for (;;) {
      const page: { edges: { node: (typeof found)[number] }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = (await world.api.ok(LOG, { after }, token)).events;
      found.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return found.filter((event) => event.workOrderId === id).map(({ seq, availabilityOverride }) => ({ seq, availabilityOverride }));
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
    const off = await world.api.ok(ADD_TIME_OFF, { input: { technicianId: devon(), ...OFF } }, world.tokens.dispatcher);
    expect(off.addTimeOff.__typename).toBe('MutationAddTimeOffSuccess');
    handedToMaria = await book(devon(), '2027-06-01T13:00:00.000Z');
    await reassign(handedToMaria, maria());
    handedToDevon = await book(maria(), '2027-06-01T14:00:00.000Z');
    await reassign(handedToDevon, devon());
  });
  afterAll(async () => {
    await world.api.close();
    await db.close();
  });

  it("does not tell Maria why Devon is off, on a job that came to her or one that left her", async () => {
    const toMaria = await timeline(handedToMaria, world.tokens.technician);
    expect(toMaria?.map((event) => event.type), 'the booking for Devon is not hers').toEqual(['REASSIGNED']);
    const toDevon = await timeline(handedToDevon, world.tokens.technician);
    for (const event of toMaria!) expect(event.availabilityOverride, event.type).toBeNull();
    expect(await timeline(handedToDevon, world.tokens.technician), 'no longer her job').toBeNull();
    const handover = await logged(handedToDevon, world.tokens.technician);
    expect(handover, 'the log still tells her it left').toHaveLength(2);
    for (const event of handover) expect(event.availabilityOverride).toBeNull();
  });

  it('tells Devon and the office why Devon was booked in his time off', async () => {
    const dentist = { kind: 'TIME_OFF', message: expect.stringContaining('(Dentist appointment)') };
    expect((await timeline(handedToDevon, world.tokens.otherTechnician))?.at(-1)).toMatchObject({ type: 'REASSIGNED', availabilityOverride: dentist });
    const office = await timeline(handedToMaria, world.tokens.dispatcher);
    expect(office?.map((event) => [event.type, event.availabilityOverride])).toEqual([
      ['CREATED', dentist],
      ['REASSIGNED', null],
    ]);
    expect((await timeline(handedToMaria, world.tokens.otherTechnician)), 'no longer his job').toBeNull();
  });

  it.each(['technician', 'otherTechnician', 'customer', 'readKey', 'dispatcher'] as const)(
    'gives the %s exactly the events of the event log, with the same overrides',
    async (role) => {
      const token = world.tokens[role];
      for (const id of [handedToMaria, handedToDevon]) {
        const events = await timeline(id, token);
        const log = await logged(id, token);
        if (events === null) {
          // The job left the technician: the log still has the handover, so that their views drop it.
          expect(['technician', 'otherTechnician'], 'only a technician loses sight of a job').toContain(role);
          continue;
        }
        expect(events.map(({ seq, availabilityOverride }) => ({ seq, availabilityOverride: availabilityOverride && { message: availabilityOverride.message } }))).toEqual(log);
        if (role === 'customer' || role === 'readKey') for (const event of events) expect(event.availabilityOverride, 'no availability').toBeNull();
      }
    },
  );
});
