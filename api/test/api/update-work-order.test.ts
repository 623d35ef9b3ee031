import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { CREATE_WORK_ORDER, PAYLOAD, TRANSITION, createWorld, gid, newWorkOrderInput, type World } from '../support/world.js';

const UPDATE = `mutation ($input: UpdateWorkOrderInput!) {
  updateWorkOrder(input: $input) { ${PAYLOAD} ... on MutationUpdateWorkOrderSuccess { workOrder { id version windowStart windowEnd technician { name } internalNotes events { type } } } }
}`;

describe('rescheduling, reassigning and editing a work order', () => {
  let db: Database;
  let world: World;
  const create = async () => (await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher)).createWorkOrder.workOrder;
  const update = async (input: Record<string, unknown>, token = world.tokens.dispatcher) =>
    (await world.api.ok(UPDATE, { input }, token)).updateWorkOrder;

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world.api.close();
    await db.close();
  });

  it('moves the window, keeping its length when only the start is given, and logs RESCHEDULED', async () => {
    const wo = await create();
    const later = new Date(new Date(wo.windowStart).getTime() + 90 * 60_000).toISOString();
    const result = await update({ id: wo.id, windowStart: later, expectedVersion: wo.version });
    expect(result.workOrder.windowStart).toBe(later);
    expect(new Date(result.workOrder.windowEnd).getTime() - new Date(later).getTime()).toBe(45 * 60_000);
    expect(result.workOrder.version).toBe(wo.version + 1);
    expect(result.workOrder.events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'RESCHEDULED']);
  });

  it('reassigns to another technician and logs REASSIGNED', async () => {
    const wo = await create();
    const result = await update({ id: wo.id, technicianId: gid('Technician', world.otherTechnician.id) });
    expect(result.workOrder.technician.name).toBe('Devon Carter');
    expect(result.workOrder.events.at(-1).type).toBe('REASSIGNED');
  });

  it('answers a reschedule onto another job of the technician with the conflict, and changes nothing', async () => {
    const first = await create();
    const second = await create();
    const result = await update({ id: second.id, windowStart: first.windowStart });
    expect(result).toMatchObject({ __typename: 'ConflictError', conflictingWorkOrder: { id: first.id } });
    const stored = await db.prisma.workOrder.findFirstOrThrow({ where: { number: second.number, organizationId: world.org.id } });
    expect(stored.windowStart.toISOString()).toBe(second.windowStart);
    expect(stored.version).toBe(second.version);
  });

  it('refuses a stale version, and any edit once the job has started', async () => {
    const wo = await create();
    expect(await update({ id: wo.id, internalNotes: 'x', expectedVersion: wo.version + 1 })).toMatchObject({ __typename: 'StaleWriteError', currentVersion: wo.version });
    await world.api.ok(TRANSITION, { input: { id: wo.id, status: 'EN_ROUTE' } }, world.tokens.dispatcher);
    expect(await update({ id: wo.id, internalNotes: 'too late' })).toMatchObject({ __typename: 'InvalidTransitionError', currentStatus: 'EN_ROUTE' });
  });

  it('refuses a technician editing a job', async () => {
    const wo = await create();
    expect((await update({ id: wo.id, internalNotes: 'mine now' }, world.tokens.technician)).__typename).toBe('ForbiddenError');
  });
});
