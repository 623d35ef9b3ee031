import { describe, expect, it } from 'vitest';
import { createServiceType } from '../../support/fixtures.js';
import { worldForFile } from '../../support/world-for-file.js';
import { bookWorkOrder, CANCEL, CREATE_WORK_ORDER, createWorld, gid, newWorkOrderInput, PAYLOAD, transitionWorkOrder } from '../../support/world.js';

const UPDATE = `mutation ($input: UpdateWorkOrderInput!) {
  updateWorkOrder(input: $input) { ${PAYLOAD} ... on MutationUpdateWorkOrderSuccess { workOrder { id version windowStart windowEnd technician { name } internalNotes events { type } } } }
}`;

const EDIT = `mutation ($input: UpdateWorkOrderInput!) {
  updateWorkOrder(input: $input) { ${PAYLOAD} ... on MutationUpdateWorkOrderSuccess { workOrder {
    id priceMinor customerNotes internalNotes serviceType { name } vehicle { licensePlate }
    events { type before { serviceTypeId vehicleId priceMinor customerNotes internalNotes } after { serviceTypeId vehicleId priceMinor customerNotes internalNotes } }
  } } }
}`;

describe('rescheduling, reassigning and editing a work order', () => {
  const { db, world } = worldForFile();
  const update = async (input: Record<string, unknown>, token = world.tokens.dispatcher) =>
    (await world.api.ok(UPDATE, { input }, token)).updateWorkOrder;

  it('moves the window, keeping its length when only the start is given, and logs RESCHEDULED', async () => {
    const wo = await bookWorkOrder(world);
    const later = new Date(new Date(wo.windowStart).getTime() + 90 * 60_000).toISOString();
    const result = await update({ id: wo.id, windowStart: later, expectedVersion: wo.version });
    expect(result.workOrder.windowStart).toBe(later);
    expect(new Date(result.workOrder.windowEnd).getTime() - new Date(later).getTime()).toBe(45 * 60_000);
    expect(result.workOrder.version).toBe(wo.version + 1);
    expect(result.workOrder.events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'RESCHEDULED']);
  });

  it('reassigns to another technician and logs REASSIGNED', async () => {
    const wo = await bookWorkOrder(world);
    const result = await update({ id: wo.id, technicianId: gid('Technician', world.otherTechnician.id) });
    expect(result.workOrder.technician.name).toBe('Devon Carter');
    expect(result.workOrder.events.at(-1).type).toBe('REASSIGNED');
  });

  it('answers a reschedule onto another job of the technician with the conflict, and changes nothing', async () => {
    const first = await bookWorkOrder(world);
    const second = await bookWorkOrder(world);
    const result = await update({ id: second.id, windowStart: first.windowStart });
    expect(result).toMatchObject({ __typename: 'ConflictError', conflictingWorkOrder: { id: first.id } });
    const stored = await db.prisma.workOrder.findFirstOrThrow({ where: { number: second.number, organizationId: world.org.id } });
    expect(stored.windowStart.toISOString()).toBe(second.windowStart);
    expect(stored.version).toBe(second.version);
  });

  it('refuses a stale version, and any edit once the job has started', async () => {
    const wo = await bookWorkOrder(world);
    expect(await update({ id: wo.id, internalNotes: 'x', expectedVersion: wo.version + 1 })).toMatchObject({ __typename: 'StaleWriteError', currentVersion: wo.version });
    await transitionWorkOrder(world, wo.id, 'EN_ROUTE');
    expect(await update({ id: wo.id, internalNotes: 'too late' })).toMatchObject({ __typename: 'NotEditableError', currentStatus: 'EN_ROUTE' });
  });

  it('answers an edit of a job in progress with NotEditableError naming its status, not a transition from IN_PROGRESS to IN_PROGRESS', async () => {
    const wo = await bookWorkOrder(world);
    for (const status of ['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS']) await transitionWorkOrder(world, wo.id, status);
    const later = new Date(new Date(wo.windowStart).getTime() + 60 * 60_000).toISOString();
    for (const input of [{ windowStart: later }, { technicianId: gid('Technician', world.otherTechnician.id), overrideAvailability: true }, { priceMinor: 1 }]) {
      expect(await update({ id: wo.id, ...input })).toEqual({
        __typename: 'NotEditableError',
        code: 'NOT_EDITABLE',
        message: `${wo.label} is IN_PROGRESS, so it can no longer be rescheduled, reassigned or edited: only a SCHEDULED work order can`,
        currentStatus: 'IN_PROGRESS',
      });
    }
    const stored = await db.prisma.workOrderEvent.count({ where: { workOrder: { number: wo.number, organizationId: world.org.id } } });
    expect(stored, 'created and three moves, no edit').toBe(4);
  });

  it('changes the service type, vehicle, price and notes of a Scheduled job, and logs EDITED with before and after', async () => {
    const wo = await bookWorkOrder(world);
    const secondVehicle = await db.prisma.vehicle.create({
      data: { organizationId: world.org.id, customerId: world.customer.customer.id, make: 'Ford', model: 'Transit', licensePlate: 'VAN-2' },
    });
    const synthetic = await createServiceType(db.prisma, world.org.id, { name: 'Full Synthetic', defaultPriceMinor: 12999 });
    const result = await world.api.ok(EDIT, {
      input: {
        id: wo.id,
        expectedVersion: wo.version,
        serviceTypeId: gid('ServiceType', synthetic.id),
        vehicleId: gid('Vehicle', secondVehicle.id),
        priceMinor: 11000,
        customerNotes: 'Ring twice',
        internalNotes: 'Gate code 4411',
      },
    }, world.tokens.dispatcher);
    const edited = result.updateWorkOrder.workOrder;
    expect(edited).toMatchObject({ serviceType: { name: 'Full Synthetic' }, vehicle: { licensePlate: 'VAN-2' }, priceMinor: 11000, customerNotes: 'Ring twice', internalNotes: 'Gate code 4411' });
    const event = edited.events.at(-1);
    expect(event.type).toBe('EDITED');
    expect(event.before).toMatchObject({ serviceTypeId: gid('ServiceType', world.serviceType.id), vehicleId: gid('Vehicle', world.customer.vehicle.id), priceMinor: 8999, customerNotes: 'Gate is on the north side.' });
    expect(event.after).toMatchObject({ serviceTypeId: gid('ServiceType', synthetic.id), vehicleId: gid('Vehicle', secondVehicle.id), priceMinor: 11000, internalNotes: 'Gate code 4411' });
  });

  it("refuses another customer's vehicle, another organization's vehicle or service type, and an archived service type, changing nothing", async () => {
    const wo = await bookWorkOrder(world);
    const other = await createWorld(db);
    const archived = await createServiceType(db.prisma, world.org.id, { active: false });
    const cases: [Record<string, unknown>, string][] = [
      [{ vehicleId: gid('Vehicle', world.otherCustomer.vehicle.id) }, 'vehicleId'],
      [{ vehicleId: gid('Vehicle', other.customer.vehicle.id) }, 'vehicleId'],
      [{ serviceTypeId: gid('ServiceType', other.serviceType.id) }, 'serviceTypeId'],
      [{ serviceTypeId: gid('ServiceType', archived.id) }, 'serviceTypeId'],
    ];
    for (const [change, field] of cases) {
      const result = await update({ id: wo.id, ...change });
      expect(result.__typename, field).toBe('ValidationError');
      expect(result.fieldErrors.map((e: { path: string[] }) => e.path), field).toEqual([['input', field]]);
    }
    const stored = await db.prisma.workOrder.findFirstOrThrow({ where: { number: wo.number, organizationId: world.org.id } });
    expect(stored).toMatchObject({ version: wo.version, vehicleId: world.customer.vehicle.id, serviceTypeId: world.serviceType.id });
    expect(await db.prisma.workOrderEvent.count({ where: { workOrderId: stored.id } })).toBe(1);
    await other.api.close();
  });

  it('refuses editing the notes or price of a job that is no longer Scheduled with NotEditableError', async () => {
    const wo = await bookWorkOrder(world);
    await world.api.ok(CANCEL, { input: { id: wo.id, status: 'CANCELED', reason: 'Customer moved' } }, world.tokens.dispatcher);
    const result = await update({ id: wo.id, priceMinor: 1, customerNotes: 'late edit' });
    expect(result).toMatchObject({ __typename: 'NotEditableError', currentStatus: 'CANCELED' });
    const stored = await db.prisma.workOrder.findFirstOrThrow({ where: { number: wo.number, organizationId: world.org.id } });
    expect(stored.priceMinor).toBe(8999);
  });

  it('refuses a technician editing a job', async () => {
    const wo = await bookWorkOrder(world);
    expect((await update({ id: wo.id, internalNotes: 'mine now' }, world.tokens.technician)).__typename).toBe('ForbiddenError');
  });

  it('writes nothing for an update that changes nothing: no event, the same version, the work order as it is', async () => {
    const wo = await bookWorkOrder(world);
    for (const input of [{ id: wo.id }, { id: wo.id, windowStart: wo.windowStart, internalNotes: wo.internalNotes, expectedVersion: wo.version }]) {
      const result = await update(input);
      expect(result.__typename).toBe('MutationUpdateWorkOrderSuccess');
      expect(result.workOrder).toMatchObject({ id: wo.id, version: wo.version, windowStart: wo.windowStart, windowEnd: wo.windowEnd });
      expect(result.workOrder.events.map((e: { type: string }) => e.type)).toEqual(['CREATED']);
    }
    const stored = await db.prisma.workOrder.findFirstOrThrow({ where: { number: wo.number, organizationId: world.org.id } });
    expect(stored.version).toBe(wo.version);
    expect(await db.prisma.workOrderEvent.count({ where: { workOrderId: stored.id } })).toBe(1);
  });

  it('refuses a window whose computed end leaves the business range, on update and create, naming the field', async () => {
    const wo = await bookWorkOrder(world);
    const late = { windowStart: '2199-12-31T23:30:00.000Z', durationMinutes: 60 };
    const refused = await update({ id: wo.id, ...late });
    expect(refused).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'windowEnd'] }] });
    const stored = await db.prisma.workOrder.findFirstOrThrow({ where: { number: wo.number, organizationId: world.org.id } });
    expect(stored).toMatchObject({ version: wo.version, windowStart: new Date(wo.windowStart) });

    const before = await db.prisma.workOrder.count({ where: { organizationId: world.org.id } });
    const created = await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world, late) }, world.tokens.dispatcher);
    expect(created.createWorkOrder).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'windowEnd'] }] });
    expect(await db.prisma.workOrder.count({ where: { organizationId: world.org.id } })).toBe(before);

    // A window that ends inside the last year is booked.
    const lastWindow = await update({ id: wo.id, windowStart: '2199-12-31T23:00:00.000Z' });
    expect(lastWindow.workOrder.windowEnd).toBe('2199-12-31T23:45:00.000Z');
  });
});
