import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCustomer, createOrganization, createServiceType } from '../../support/fixtures.js';
import { worldForFile } from '../../support/world-for-file.js';
import { CREATE_WORK_ORDER, gid, newWorkOrderInput, type World } from '../../support/world.js';

describe('creating a work order (the spec page, through the API)', () => {
  const { db, world } = worldForFile();
  const rows = () => Promise.all([
    db.prisma.workOrder.count({ where: { organizationId: world.org.id } }),
    db.prisma.workOrderEvent.count({ where: { organizationId: world.org.id } }),
  ]);
  const create = (input: Record<string, unknown>, token = world.tokens.dispatcher) =>
    world.api.ok(CREATE_WORK_ORDER, { input }, token).then((data) => data.createWorkOrder);

  it('pre-fills price and duration from the service type, ends the window at start + duration, and starts Scheduled', async () => {
    const input = newWorkOrderInput(world);
    const result = await create(input);
    expect(result.__typename).toBe('MutationCreateWorkOrderSuccess');
    const wo = result.workOrder;
    expect(wo).toMatchObject({ status: 'SCHEDULED', version: 1, priceMinor: 8999, durationMinutes: 45 });
    expect(wo.label).toMatch(/^WO-\d+$/);
    expect(new Date(wo.windowEnd).getTime() - new Date(wo.windowStart).getTime()).toBe(45 * 60_000);
    expect(wo.technician).toMatchObject({ name: 'Maria Lopez', color: '#2563eb' });
    expect(wo.events).toHaveLength(1);
    expect(wo.events[0]).toMatchObject({ type: 'CREATED', before: null, after: { status: 'SCHEDULED' } });
    expect(wo.nextStatuses).toEqual(['EN_ROUTE', 'CANCELED']);
  });

  it('takes an overridden price, duration and end', async () => {
    const input = newWorkOrderInput(world, { priceMinor: 7000, durationMinutes: 30 });
    const end = new Date(new Date(input.windowStart as string).getTime() + 2 * 3_600_000).toISOString();
    const wo = (await create({ ...input, windowEnd: end })).workOrder;
    expect(wo).toMatchObject({ priceMinor: 7000, durationMinutes: 30 });
    expect(new Date(wo.windowEnd).toISOString()).toBe(end);
  });

  it('numbers work orders one after another within the organization', async () => {
    const first = (await create(newWorkOrderInput(world))).workOrder.number;
    const second = (await create(newWorkOrderInput(world))).workOrder.number;
    expect(second).toBe(first + 1);
  });

  it('leaves the technician empty for the unassigned queue', async () => {
    const wo = (await create(newWorkOrderInput(world, { technicianId: null }))).workOrder;
    expect(wo.technician).toBeNull();
  });

  describe('refuses bad input with a typed error naming the field, and writes nothing', () => {
    type Override = (w: World, input: Record<string, unknown>) => Promise<Record<string, unknown>>;
    const cases: [string, Override, string[]][] = [
      ['a vehicle of another customer', async (w) => ({ vehicleId: gid('Vehicle', w.otherCustomer.vehicle.id) }), ['input', 'vehicleId']],
      ['an address of another customer', async (w) => ({ serviceAddressId: gid('ServiceAddress', w.otherCustomer.address.id) }), ['input', 'serviceAddressId']],
      ['an end before the start', async (_w, input) => ({
        windowEnd: new Date(new Date(input.windowStart as string).getTime() - 60_000).toISOString(),
      }), ['input', 'windowEnd']],
      ['an unknown service type', async () => ({ serviceTypeId: gid('ServiceType', randomUUID()) }), ['input', 'serviceTypeId']],
      ['a negative price', async () => ({ priceMinor: -100 }), ['input', 'priceMinor']],
      ['a malformed ID', async () => ({ vehicleId: 'not-an-id' }), ['input', 'vehicleId']],
      ['an ID of the wrong type', async (w) => ({ vehicleId: gid('Customer', w.customer.customer.id) }), ['input', 'vehicleId']],
      ["another organization's customer", async (w) => {
        const other = await createOrganization(w.api.prisma);
        const stranger = await createCustomer(w.api.prisma, other.id);
        return {
          customerId: gid('Customer', stranger.customer.id),
          vehicleId: gid('Vehicle', stranger.vehicle.id),
          serviceAddressId: gid('ServiceAddress', stranger.address.id),
        };
      }, ['input', 'customerId']],
      ["another organization's service type", async (w) => {
        const other = await createOrganization(w.api.prisma);
        return { serviceTypeId: gid('ServiceType', (await createServiceType(w.api.prisma, other.id)).id) };
      }, ['input', 'serviceTypeId']],
    ];

    it.each(cases)('%s', async (_name, override, path) => {
      const before = await rows();
      const input = newWorkOrderInput(world);
      const result = await create({ ...input, ...(await override(world, input)) });
      expect(result.__typename).toBe('ValidationError');
      expect(result.fieldErrors.map((e: { path: string[] }) => e.path)).toContainEqual(path);
      expect(await rows()).toEqual(before);
    });
  });

  it('answers a double booking with the conflicting work order and writes nothing', async () => {
    const booked = (await create(newWorkOrderInput(world))).workOrder;
    const overlapping = { ...newWorkOrderInput(world), windowStart: new Date(new Date(booked.windowStart).getTime() + 15 * 60_000).toISOString() };
    const before = await rows();
    const result = await create(overlapping);
    expect(result.__typename).toBe('ConflictError');
    expect(result.conflictingWorkOrder).toEqual({ id: booked.id, label: booked.label });
    expect(result.message).toContain(booked.label);
    expect(await rows()).toEqual(before);
  });

  it('books the same window for another technician and back-to-back for the same one', async () => {
    const booked = (await create(newWorkOrderInput(world))).workOrder;
    const same = { ...newWorkOrderInput(world), windowStart: booked.windowStart, technicianId: gid('Technician', world.otherTechnician.id) };
    expect((await create(same)).__typename).toBe('MutationCreateWorkOrderSuccess');
    const next = { ...newWorkOrderInput(world), windowStart: booked.windowEnd };
    expect((await create(next)).__typename).toBe('MutationCreateWorkOrderSuccess');
  });

  it('refuses technicians, customers and read-only keys', async () => {
    const before = await rows();
    for (const token of [world.tokens.technician, world.tokens.customer, world.tokens.readKey]) {
      expect((await create(newWorkOrderInput(world), token)).__typename).toBe('ForbiddenError');
    }
    expect(await rows()).toEqual(before);
  });

  it('lets an API key with the write scope create', async () => {
    expect((await create(newWorkOrderInput(world), world.tokens.writeKey)).__typename).toBe('MutationCreateWorkOrderSuccess');
  });
});
