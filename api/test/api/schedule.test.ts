import { describe, expect, it } from 'vitest';
import { createCustomer, createTechnician, createWorkOrder } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { latestSeq } from '../support/world.js';

const SCHEDULE = `query ($date: Date!) {
  schedule(date: $date) {
    date timeZone
    technicians { technician { id name color } workOrders { id label status windowStart windowEnd
      customer { name } vehicle { make model } serviceAddress { street city } serviceType { name } technician { name } price { formatted } } }
    unassigned { id label customer { name } vehicle { make } serviceType { name } }
  }
}`;

describe('schedule(date)', () => {
  let statements = 0;
  const { db, world } = worldForFile({ onQuery: () => statements++ });

  /** Books `count` jobs on the day over a fresh crew, some unassigned; organization zone is America/Chicago. */
  async function bookDay(date: string, count: number) {
    const crew = await Promise.all(Array.from({ length: 5 }, (_, i) => createTechnician(db.prisma, world.org.id, { name: `Crew ${date} ${i}` })));
    const customers = await Promise.all(Array.from({ length: 3 }, () => createCustomer(db.prisma, world.org.id)));
    for (let i = 0; i < count; i++) {
      const windowStart = new Date(`${date}T13:00:00Z`);
      windowStart.setUTCMinutes(windowStart.getUTCMinutes() + Math.floor(i / 6) * 60);
      const technicianId = i % 6 === 5 ? null : crew[i % 6]!.id;
      await createWorkOrder(
        db.prisma,
        { organizationId: world.org.id, customer: customers[i % 3]!, serviceTypeId: world.serviceType.id, technicianId },
        { windowStart, windowEnd: new Date(windowStart.getTime() + 60 * 60_000), number: Number(date.replaceAll('-', '')) * 100 + i },
      );
    }
  }

  async function countStatements(date: string) {
    statements = 0;
    const data = await world.api.ok(SCHEDULE, { date }, world.tokens.dispatcher);
    return { statements, data: data.schedule };
  }

  it('shows every technician in their colour with the day\'s jobs, and the unassigned queue', async () => {
    await bookDay('2027-02-01', 12);
    const { data } = await countStatements('2027-02-01');
    expect(data.timeZone).toBe('America/Chicago');
    const jobs = data.technicians.flatMap((c: { workOrders: unknown[] }) => c.workOrders);
    expect(jobs).toHaveLength(10);
    expect(data.unassigned).toHaveLength(2);
    expect(data.technicians.find((c: { technician: { name: string } }) => c.technician.name === 'Maria Lopez').technician.color).toBe('#2563eb');
    for (const column of data.technicians) {
      for (const wo of column.workOrders) expect(wo.technician.name).toBe(column.technician.name);
    }
  });

  it('runs the same small number of SQL statements for 5 and for 50 work orders', async () => {
    await bookDay('2027-03-01', 5);
    await bookDay('2027-03-02', 50);
    const small = await countStatements('2027-03-01');
    const large = await countStatements('2027-03-02');
    expect(small.data.technicians.flatMap((c: { workOrders: unknown[] }) => c.workOrders).length + small.data.unassigned.length).toBe(5);
    expect(large.data.technicians.flatMap((c: { workOrders: unknown[] }) => c.workOrders).length + large.data.unassigned.length).toBe(50);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(5);
  });

  it('takes the day in the organization\'s zone: a job at 23:30 local lands on that day, not the next UTC one', async () => {
    const late = new Date('2027-04-02T04:30:00Z'); // 23:30 on 1 April in Chicago
    await createWorkOrder(
      db.prisma,
      { organizationId: world.org.id, customer: world.customer, serviceTypeId: world.serviceType.id, technicianId: world.technician.id },
      { windowStart: late, windowEnd: new Date(late.getTime() + 20 * 60_000), number: 999_001 },
    );
    const april1 = (await countStatements('2027-04-01')).data;
    const april2 = (await countStatements('2027-04-02')).data;
    const count = (day: { technicians: { workOrders: unknown[] }[] }) => day.technicians.flatMap((c) => c.workOrders).length;
    expect(count(april1)).toBe(1);
    expect(count(april2)).toBe(0);
  });

  it('tells the latest event seen when the day was read, to resume a subscription from', async () => {
    const latest = await latestSeq(world);
    const data = await world.api.ok(`query ($date: Date!) { schedule(date: $date) { lastSeq } }`, { date: '2027-02-01' }, world.tokens.dispatcher);
    expect(data.schedule.lastSeq).toBe(latest);
  });

  it('refuses a date that is not one', async () => {
    const result = await world.api.request(SCHEDULE, { date: '2027-02-30' }, world.tokens.dispatcher);
    expect(result.errors?.[0]?.message).toMatch(/date/i);
  });
});
