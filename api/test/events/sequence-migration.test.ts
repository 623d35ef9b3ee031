import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { readMigrations } from '../../src/db/migrations.js';
import type { WorkOrderSnapshot } from '../../src/domain/work-order.js';
import { appendEvent } from '../../src/events/log.js';
import { migrateJobQueue } from '../../src/jobs/queue.js';
import { tasksWith } from '../../src/jobs/tasks.js';
import { createCustomer, createOrganization, createServiceType, createWorkOrder } from '../support/fixtures.js';

const MIGRATION = 'sequence_events_per_organization';

/** A database whose events were numbered from one sequence for all organizations, then migrated. */
describe(`the migration ${MIGRATION}`, () => {
  let db: Database;
  /** The work orders whose events were logged, in the order they were logged. */
  const logged: { organizationId: string; workOrderId: string }[] = [];

  beforeAll(async () => {
    db = openDatabase({ kind: 'pglite', dataDir: undefined });
    const migrations = (await readMigrations()).migrationDirectories;
    const at = migrations.findIndex((migration) => migration.path.endsWith(MIGRATION));
    const sqlOf = (index: number) => (migrations[index]!.migrationFile.content as { value: string }).value;
    for (let i = 0; i < at; i++) await db.pglite!.exec(sqlOf(i));

    const orgs = [];
    for (let i = 0; i < 2; i++) {
      const org = await createOrganization(db.prisma);
      const customer = await createCustomer(db.prisma, org.id);
      const serviceType = await createServiceType(db.prisma, org.id);
      const job = await createWorkOrder(db.prisma, { organizationId: org.id, customer, serviceTypeId: serviceType.id });
      orgs.push({ organizationId: org.id, workOrderId: job.id });
    }
    // Interleaved, each committed on its own: one global sequence numbers them 1 to 5.
    for (const index of [0, 1, 0, 0, 1]) {
      const { organizationId, workOrderId } = orgs[index]!;
      await db.pglite!.query(
        `INSERT INTO "WorkOrderEvent" ("organizationId", "workOrderId", type, "actorName", after) VALUES ($1, $2, 'EDITED', 'Before the migration', '{}')`,
        [organizationId, workOrderId],
      );
      logged.push(orgs[index]!);
    }
    await db.pglite!.exec(sqlOf(at));
    // The rest, and the job queue the event log enqueues on, as a database of today has them.
    for (let i = at + 1; i < migrations.length; i++) await db.pglite!.exec(sqlOf(i));
    await migrateJobQueue(db, Object.keys(tasksWith({ prisma: db.prisma })));
  });
  afterAll(() => db.close());

  const eventsOf = (organizationId: string) =>
    db.prisma.workOrderEvent.findMany({ where: { organizationId }, orderBy: { seq: 'asc' }, select: { seq: true, workOrderId: true } });

  it("renumbers each organization's events 1, 2, 3… in the order they were logged", async () => {
    for (const organizationId of new Set(logged.map((event) => event.organizationId))) {
      const mine = logged.filter((event) => event.organizationId === organizationId);
      expect(await eventsOf(organizationId)).toEqual(mine.map((event, i) => ({ seq: BigInt(i + 1), workOrderId: event.workOrderId })));
    }
  });

  it("goes on from each organization's last number", async () => {
    const { organizationId, workOrderId } = logged[1]!;
    const caller = { kind: 'apiKey', organizationId, apiKeyId: 'key', name: 'After the migration', scopes: ['WRITE_WORK_ORDERS'] } as const;
    await db.prisma.$transaction((tx) =>
      appendEvent(tx, { caller, workOrderId, type: 'EDITED', before: null, after: { status: 'SCHEDULED' } as unknown as WorkOrderSnapshot }),
    );
    expect((await eventsOf(organizationId)).map((event) => event.seq)).toEqual([1n, 2n, 3n]);
  });
});
