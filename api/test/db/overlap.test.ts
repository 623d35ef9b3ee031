import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { createCustomer, createOrganization, createServiceType, createTechnician, createWorkOrder } from '../support/fixtures.js';

const at = (iso: string) => new Date(iso);

describe('the database refuses to double-book a technician', () => {
  let db: Database;
  let book: (technicianId: string | null, start: string, end: string, status?: 'SCHEDULED' | 'CANCELED' | 'NO_SHOW') => Promise<unknown>;
  let technicianA: string;
  let technicianB: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    const org = await createOrganization(db.prisma);
    const customer = await createCustomer(db.prisma, org.id);
    const serviceType = await createServiceType(db.prisma, org.id);
    technicianA = (await createTechnician(db.prisma, org.id)).id;
    technicianB = (await createTechnician(db.prisma, org.id)).id;
    book = (technicianId, start, end, status = 'SCHEDULED') =>
      createWorkOrder(
        db.prisma,
        { organizationId: org.id, customer, serviceTypeId: serviceType.id, technicianId },
        { windowStart: at(start), windowEnd: at(end), status },
      );
    await book(technicianA, '2026-12-01T15:00:00Z', '2026-12-01T16:00:00Z');
  });
  afterAll(() => db.close());

  it('rejects an overlapping active window for the same technician', async () => {
    await expect(book(technicianA, '2026-12-01T15:30:00Z', '2026-12-01T16:30:00Z')).rejects.toThrow(
      /WorkOrder_technician_no_overlap|exclusion|conflicting key/i,
    );
  });

  it('rejects a window inside another one', async () => {
    await expect(book(technicianA, '2026-12-01T15:10:00Z', '2026-12-01T15:20:00Z')).rejects.toThrow();
  });

  it('accepts the same window for another technician', async () => {
    await expect(book(technicianB, '2026-12-01T15:00:00Z', '2026-12-01T16:00:00Z')).resolves.toBeDefined();
  });

  it('accepts an overlapping window when one of the two is canceled or a no-show', async () => {
    await expect(book(technicianA, '2026-12-01T15:15:00Z', '2026-12-01T15:45:00Z', 'CANCELED')).resolves.toBeDefined();
    await expect(book(technicianA, '2026-12-01T15:15:00Z', '2026-12-01T15:45:00Z', 'NO_SHOW')).resolves.toBeDefined();
  });

  it('accepts back-to-back windows', async () => {
    await expect(book(technicianA, '2026-12-01T16:00:00Z', '2026-12-01T17:00:00Z')).resolves.toBeDefined();
    await expect(book(technicianA, '2026-12-01T14:00:00Z', '2026-12-01T15:00:00Z')).resolves.toBeDefined();
  });

  it('accepts overlapping unassigned work orders', async () => {
    await expect(book(null, '2026-12-01T15:00:00Z', '2026-12-01T16:00:00Z')).resolves.toBeDefined();
    await expect(book(null, '2026-12-01T15:00:00Z', '2026-12-01T16:00:00Z')).resolves.toBeDefined();
  });

  it('rejects a window that ends before it starts', async () => {
    await expect(book(technicianB, '2026-12-02T16:00:00Z', '2026-12-02T15:00:00Z')).rejects.toThrow(/WorkOrder_window_check|check constraint/i);
  });
});
