import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { createCustomer, createOrganization, createServiceType, createTechnician, createWorkOrder } from '../support/fixtures.js';

describe('the database keeps a work order inside its customer and organization', () => {
  let db: Database;
  let orgId: string;
  let serviceTypeId: string;
  let alice: Awaited<ReturnType<typeof createCustomer>>;
  let bob: Awaited<ReturnType<typeof createCustomer>>;
  let other: { orgId: string; customer: Awaited<ReturnType<typeof createCustomer>>; technicianId: string; serviceTypeId: string };

  beforeAll(async () => {
    db = await openTestDatabase();
    orgId = (await createOrganization(db.prisma)).id;
    serviceTypeId = (await createServiceType(db.prisma, orgId)).id;
    alice = await createCustomer(db.prisma, orgId);
    bob = await createCustomer(db.prisma, orgId);
    const otherOrg = await createOrganization(db.prisma);
    other = {
      orgId: otherOrg.id,
      customer: await createCustomer(db.prisma, otherOrg.id),
      technicianId: (await createTechnician(db.prisma, otherOrg.id)).id,
      serviceTypeId: (await createServiceType(db.prisma, otherOrg.id)).id,
    };
  });
  afterAll(() => db.close());

  const count = () => db.prisma.workOrder.count({ where: { organizationId: orgId } });

  it('stores a work order whose vehicle and address are its customer\'s', async () => {
    await expect(createWorkOrder(db.prisma, { organizationId: orgId, customer: alice, serviceTypeId })).resolves.toBeDefined();
  });

  it('cannot store a work order with another customer\'s vehicle', async () => {
    const before = await count();
    await expect(
      createWorkOrder(db.prisma, { organizationId: orgId, customer: { ...alice, vehicle: bob.vehicle }, serviceTypeId }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it('cannot store a work order with another customer\'s address', async () => {
    await expect(
      createWorkOrder(db.prisma, { organizationId: orgId, customer: { ...alice, address: bob.address }, serviceTypeId }),
    ).rejects.toThrow();
  });

  it('cannot point at another organization\'s customer, service type or technician', async () => {
    const before = await count();
    await expect(createWorkOrder(db.prisma, { organizationId: orgId, customer: other.customer, serviceTypeId })).rejects.toThrow();
    await expect(
      createWorkOrder(db.prisma, { organizationId: orgId, customer: alice, serviceTypeId: other.serviceTypeId }),
    ).rejects.toThrow();
    await expect(
      createWorkOrder(db.prisma, { organizationId: orgId, customer: alice, serviceTypeId, technicianId: other.technicianId }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it('cannot give a customer a vehicle of another organization\'s customer', async () => {
    await expect(
      db.prisma.vehicle.create({ data: { organizationId: orgId, customerId: other.customer.customer.id, make: 'Ford', model: 'Transit' } }),
    ).rejects.toThrow();
  });
});
