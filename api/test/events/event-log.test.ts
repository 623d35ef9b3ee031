import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Caller } from '../../src/domain/caller.js';
import type { WorkOrderSnapshot } from '../../src/domain/work-order.js';
import { appendEvent } from '../../src/events/log.js';
import { openTestDatabase } from '../support/database.js';
import { createCustomer, createOrganization, createServiceType, createWorkOrder } from '../support/fixtures.js';

/** Two transactions that overlap: the first to insert its event is the last to commit. */
describe('the event log', () => {
  let db: Database;
  let caller: Caller;
  let workOrderIds: string[];

  beforeAll(async () => {
    db = await openTestDatabase();
    const org = await createOrganization(db.prisma);
    const customer = await createCustomer(db.prisma, org.id);
    const serviceType = await createServiceType(db.prisma, org.id);
    workOrderIds = [];
    for (let i = 0; i < 2; i++) {
      workOrderIds.push((await createWorkOrder(db.prisma, { organizationId: org.id, customer, serviceTypeId: serviceType.id })).id);
    }
    caller = { kind: 'apiKey', organizationId: org.id, apiKeyId: 'key', name: 'Event log test', scopes: ['WRITE_WORK_ORDERS'] };
  });
  afterAll(() => db.close());

  const append = (tx: Parameters<typeof appendEvent>[0], workOrderId: string) =>
    appendEvent(tx, { caller, workOrderId, type: 'EDITED', before: null, after: { status: 'SCHEDULED' } as unknown as WorkOrderSnapshot });

  it('numbers events in commit order, whatever order they were inserted in', async () => {
    let insertedFirst!: () => void;
    const firstInserted = new Promise<void>((resolve) => (insertedFirst = resolve));
    let secondCommitted!: () => void;
    const secondDone = new Promise<void>((resolve) => (secondCommitted = resolve));

    const first = db.prisma.$transaction(async (tx) => {
      await append(tx, workOrderIds[0]!);
      insertedFirst();
      await secondDone;
    });
    await firstInserted;
    await db.prisma.$transaction((tx) => append(tx, workOrderIds[1]!));
    secondCommitted();
    await first;

    const events = await db.prisma.workOrderEvent.findMany({ where: { organizationId: caller.organizationId }, orderBy: { seq: 'asc' } });
    expect(events.map((event) => event.workOrderId)).toEqual([workOrderIds[1], workOrderIds[0]]);
  });

  it('draws no number for an event whose transaction rolls back', async () => {
    const before = await db.prisma.workOrderEvent.count({ where: { organizationId: caller.organizationId } });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await append(tx, workOrderIds[0]!);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.prisma.workOrderEvent.count({ where: { organizationId: caller.organizationId } })).toBe(before);
  });

  it('refuses to change a logged event, its sequence number included', async () => {
    const event = await db.prisma.workOrderEvent.findFirstOrThrow({ where: { organizationId: caller.organizationId } });
    await expect(db.prisma.$executeRaw`UPDATE "WorkOrderEvent" SET "actorName" = 'someone else' WHERE "organizationId" = ${caller.organizationId}::uuid AND seq = ${event.seq}`).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`UPDATE "WorkOrderEvent" SET seq = seq + 1000000 WHERE "organizationId" = ${caller.organizationId}::uuid AND seq = ${event.seq}`).rejects.toThrow(/append-only/);
    expect(await db.prisma.workOrderEvent.findUnique({ where: { organizationId_seq: { organizationId: caller.organizationId, seq: event.seq } } })).toMatchObject({ actorName: 'Event log test' });
  });
});
