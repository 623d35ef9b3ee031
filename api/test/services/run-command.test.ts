import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Database } from '../../src/db/database.js';
import { ConflictError, DatabaseUnavailableError, NotFoundError, ValidationError } from '../../src/domain/errors.js';
import { isDatabaseUnavailable } from '../../src/db/reachability.js';
import { afterCommit, runCommand } from '../../src/services/command.js';
import { createWorkOrder, createWorkOrders } from '../../src/services/work-orders/create.js';
import { transitionWorkOrder } from '../../src/services/work-orders/transition.js';
import { userCaller } from '../support/callers.js';
import { openTestDatabase } from '../support/database.js';
import * as fixtures from '../support/fixtures.js';

describe('runCommand', () => {
  let db: Database;
  let organizationId: string;
  let booking: (windowStart: string) => { customerId: string; vehicleId: string; serviceTypeId: string; serviceAddressId: string; technicianId: string; windowStart: Date };

  beforeAll(async () => {
    db = await openTestDatabase();
    const org = await fixtures.createOrganization(db.prisma);
    organizationId = org.id;
    const customer = await fixtures.createCustomer(db.prisma, org.id);
    const serviceType = await fixtures.createServiceType(db.prisma, org.id, { defaultDurationMinutes: 60 });
    const technician = await fixtures.createTechnician(db.prisma, org.id);
    booking = (windowStart) => ({
      customerId: customer.customer.id,
      vehicleId: customer.vehicle.id,
      serviceTypeId: serviceType.id,
      serviceAddressId: customer.address.id,
      technicianId: technician.id,
      windowStart: new Date(windowStart),
    });
  });
  afterAll(() => db.close());

  const dispatcher = () => userCaller('DISPATCHER', { organizationId });
  const written = async () => {
    const where = { organizationId };
    const [workOrders, events, org] = await Promise.all([
      db.prisma.workOrder.count({ where }),
      db.prisma.workOrderEvent.count({ where }),
      db.prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { nextWorkOrderNumber: true, nextInvoiceNumber: true } }),
    ]);
    return { workOrders, events, ...org };
  };

  it('books a series of jobs in one transaction: all of them, each with its event and number', async () => {
    const before = await written();
    const created = await runCommand({ prisma: db.prisma }, dispatcher(), createWorkOrders, [
      booking('2027-01-04T15:00:00Z'),
      booking('2027-01-04T17:00:00Z'),
      booking('2027-01-04T19:00:00Z'),
    ]);
    expect(created.map((wo) => wo.number)).toEqual([0, 1, 2].map((i) => before.nextWorkOrderNumber + i));
    expect(await written()).toEqual({ ...before, workOrders: before.workOrders + 3, events: before.events + 3, nextWorkOrderNumber: before.nextWorkOrderNumber + 3 });
  });

  it('leaves nothing of a series whose booking in the middle overlaps a job, and names that job', async () => {
    const [existing] = await runCommand({ prisma: db.prisma }, dispatcher(), createWorkOrders, [booking('2027-01-05T15:00:00Z')]);
    const before = await written();
    const failure = runCommand({ prisma: db.prisma }, dispatcher(), createWorkOrders, [
      booking('2027-01-05T13:00:00Z'),
      booking('2027-01-05T15:30:00Z'),
      booking('2027-01-05T18:00:00Z'),
    ]);
    await expect(failure).rejects.toBeInstanceOf(ConflictError);
    await expect(failure).rejects.toMatchObject({ conflictingWorkOrderId: existing!.id });
    expect(await written()).toEqual(before);
  });

  it('leaves nothing of a series whose booking in the middle is invalid', async () => {
    const before = await written();
    const failure = runCommand({ prisma: db.prisma }, dispatcher(), createWorkOrders, [
      booking('2027-01-06T13:00:00Z'),
      { ...booking('2027-01-06T15:00:00Z'), vehicleId: '00000000-0000-4000-8000-000000000000' },
    ]);
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    expect(await written()).toEqual(before);
  });

  it('rolls back a completion together with its invoice when a later step of the same command fails', async () => {
    const [job] = await runCommand({ prisma: db.prisma }, dispatcher(), createWorkOrders, [booking('2027-01-07T15:00:00Z')]);
    const caller = dispatcher();
    for (const status of ['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS'] as const) await runCommand({ prisma: db.prisma }, caller, transitionWorkOrder, { id: job!.id, status });
    const before = await written();
    const completeThenFail = async (tx: Parameters<typeof transitionWorkOrder>[0]) => {
      await transitionWorkOrder(tx, caller, { id: job!.id, status: 'COMPLETED' });
      await createWorkOrder(tx, caller, booking('2027-01-07T15:00:00Z'));
    };
    await expect(runCommand({ prisma: db.prisma }, caller, completeThenFail, undefined)).rejects.toBeInstanceOf(ConflictError);
    expect(await written()).toEqual(before);
    expect(await db.prisma.invoice.count({ where: { workOrderId: job!.id } })).toBe(0);
    expect((await db.prisma.workOrder.findUniqueOrThrow({ where: { id: job!.id } })).status).toBe('IN_PROGRESS');
  });

  it('turns a reference deleted under the command into a ValidationError on that field', async () => {
    const ghost = '00000000-0000-4000-8000-000000000001';
    const insertVehicle = (tx: Parameters<typeof createWorkOrder>[0]) =>
      tx.vehicle.create({ data: { organizationId, customerId: ghost, make: 'Ford', model: 'Transit' } });
    const failure = runCommand({ prisma: db.prisma }, dispatcher(), insertVehicle, undefined);
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toMatchObject({ fieldErrors: [{ path: ['input', 'customerId'], message: 'This no longer exists' }] });
  });

  it('answers a database that does not answer with DATABASE_UNAVAILABLE, which the server reports as retryable', async () => {
    const unreachable = { $transaction: async () => { throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }); } } as unknown as PrismaClient;
    const failure = runCommand({ prisma: unreachable }, dispatcher(), createWorkOrder, booking('2027-01-08T15:00:00Z'));
    await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(isDatabaseUnavailable(await failure.catch((error: unknown) => error))).toBe(true);
  });

  it('runs a command the database keeps ending to break deadlocks a few times, then answers DATABASE_UNAVAILABLE, with nothing written', async () => {
    const before = await written();
    let attempts = 0;
    const failure = runCommand({ prisma: db.prisma }, dispatcher(), async (tx, caller, input: ReturnType<typeof booking>) => {
      attempts += 1;
      await createWorkOrder(tx, caller, input);
      throw Object.assign(new Error('Transaction failed due to a write conflict or a deadlock. Please retry your transaction'), { code: 'P2034' });
    }, booking('2027-01-09T15:00:00Z'));
    await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(attempts).toBe(4);
    expect(await written()).toEqual(before);
  });

  it('leaves every other failure as it is', async () => {
    const failure = runCommand({ prisma: db.prisma }, dispatcher(), async () => {
      throw new NotFoundError('Thing');
    }, undefined);
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
  });

  it('runs after-commit work once the transaction commits, and never when it rolls back', async () => {
    const ran: string[] = [];
    await runCommand({ prisma: db.prisma }, dispatcher(), async (tx) => afterCommit(tx, () => void ran.push('committed')), undefined);
    await expect(
      runCommand({ prisma: db.prisma }, dispatcher(), async (tx) => {
        afterCommit(tx, () => void ran.push('rolled back'));
        throw new ValidationError([]);
      }, undefined),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(ran).toEqual(['committed']);
  });
});
