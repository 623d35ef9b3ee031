import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { seedDemo } from '../../../prisma/seed.js';
import { openTestDatabase } from '../support/database.js';
import { SEEDING_TIMEOUT_MS } from '../support/demo.js';

describe('the demo seed', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  async function counts(slug: string) {
    const org = await db.prisma.organization.findUniqueOrThrow({ where: { slug } });
    const where = { organizationId: org.id };
    const [technicians, customers, fleet, serviceTypes, workOrders, events, invoices, completed, users, statuses] = await Promise.all([
      db.prisma.technician.count({ where }),
      db.prisma.customer.count({ where }),
      db.prisma.customer.count({ where: { ...where, isFleet: true } }),
      db.prisma.serviceType.count({ where }),
      db.prisma.workOrder.count({ where }),
      db.prisma.workOrderEvent.count({ where }),
      db.prisma.invoice.count({ where }),
      db.prisma.workOrder.count({ where: { ...where, status: 'COMPLETED' } }),
      db.prisma.user.findMany({ where, select: { role: true } }),
      db.prisma.workOrder.groupBy({ by: ['status'], where }),
    ]);
    const colors = await db.prisma.technician.findMany({ where, select: { color: true }, distinct: ['color'] });
    return { technicians, colors: colors.length, customers, fleet, serviceTypes, workOrders, events, invoices, completed, roles: users.map((u) => u.role).sort(), statuses: statuses.length };
  }

  it('runs twice without error or duplicates and leaves a believable business', async () => {
    const now = new Date();
    await seedDemo(db.prisma, now);
    const first = await counts('northwind');
    expect(await seedDemo(db.prisma, now)).toEqual([]);
    expect(await counts('northwind')).toEqual(first);

    expect(first.technicians).toBe(8);
    expect(first.colors).toBe(8);
    expect(first.customers).toBe(40);
    expect(first.fleet).toBeGreaterThan(0);
    expect(first.serviceTypes).toBe(6);
    expect(first.statuses).toBe(7);
    expect(first.invoices).toBe(first.completed);
    expect(first.events).toBeGreaterThan(first.workOrders);
    expect(first.roles).toEqual(['ADMIN', 'CUSTOMER', 'DISPATCHER', 'TECHNICIAN']);

    const kiwi = await counts('kiwi');
    expect(kiwi.customers).toBeLessThan(first.customers);
    expect(kiwi.workOrders).toBeGreaterThan(0);

    // The history reads like a week that happened: created the day before, each step ten minutes after the last.
    const northwind = await db.prisma.organization.findUniqueOrThrow({ where: { slug: 'northwind' } });
    const job = await db.prisma.workOrder.findFirstOrThrow({
      where: { organizationId: northwind.id, status: 'COMPLETED' },
      include: { events: { orderBy: { seq: 'asc' } }, invoice: true },
    });
    expect(job.events.map((event) => event.type)).toEqual(['CREATED', 'STATUS_CHANGED', 'STATUS_CHANGED', 'STATUS_CHANGED', 'STATUS_CHANGED']);
    expect(job.events.map((event) => (event.at.getTime() - job.windowStart.getTime()) / 60_000)).toEqual([-24 * 60, 10, 20, 30, 40]);
    expect(job.events.every((event) => event.actorName === 'Dana Dispatcher')).toBe(true);
    expect(job.invoice?.totalMinor).toBe(job.priceMinor);
  }, SEEDING_TIMEOUT_MS);
});
