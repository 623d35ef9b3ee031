import { describe, expect, it } from 'vitest';
import type { WorkOrderStatus } from '../../../src/domain/status.js';
import { createWorkOrder } from '../../support/fixtures.js';
import { worldForFile } from '../../support/world-for-file.js';
import { CANCEL, TRANSITION, gid } from '../../support/world.js';

const STATUSES: WorkOrderStatus[] = ['SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'IN_PROGRESS', 'COMPLETED', 'CANCELED', 'NO_SHOW'];
type Mover = 'admin' | 'dispatcher' | 'technician' | 'otherTechnician' | 'customer' | 'writeKey' | 'readKey';
const MOVERS: Mover[] = ['admin', 'dispatcher', 'technician', 'otherTechnician', 'customer', 'writeKey', 'readKey'];
const OFFICE: Mover[] = ['admin', 'dispatcher', 'writeKey'];
const FIELD_AND_OFFICE: Mover[] = [...OFFICE, 'technician'];

// The status table of docs/design.md, written out here on purpose rather than read from the code under test.
const ALLOWED: Record<string, Mover[]> = {
  'SCHEDULED>EN_ROUTE': FIELD_AND_OFFICE,
  'EN_ROUTE>ON_SITE': FIELD_AND_OFFICE,
  'ON_SITE>IN_PROGRESS': FIELD_AND_OFFICE,
  'ON_SITE>NO_SHOW': FIELD_AND_OFFICE,
  'IN_PROGRESS>COMPLETED': FIELD_AND_OFFICE,
  'SCHEDULED>CANCELED': OFFICE,
  'EN_ROUTE>CANCELED': OFFICE,
  'ON_SITE>CANCELED': OFFICE,
  'IN_PROGRESS>CANCELED': OFFICE,
};

describe('the guarded status machine', () => {
  const { db, world } = worldForFile();
  let slot = 0;

  /** A work order of the world's technician already in `status`, in a window of its own. */
  async function workOrderIn(status: WorkOrderStatus) {
    const windowStart = new Date(Date.UTC(2027, 5, 1) + slot++ * 3_600_000);
    return createWorkOrder(
      db.prisma,
      { organizationId: world.org.id, customer: world.customer, serviceTypeId: world.serviceType.id, technicianId: world.technician.id },
      { status, windowStart, windowEnd: new Date(windowStart.getTime() + 3_600_000), number: 100_000 + slot },
    );
  }

  function move(id: string, to: WorkOrderStatus, token: string, extra: Record<string, unknown> = {}) {
    const input = { id: gid('WorkOrder', id), ...extra };
    return to === 'CANCELED'
      ? world.api.ok(CANCEL, { input: { ...input, status: to, reason: 'Customer called to cancel' } }, token).then((d) => d.transitionWorkOrder)
      : world.api.ok(TRANSITION, { input: { ...input, status: to } }, token).then((d) => d.transitionWorkOrder);
  }

  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s for every role', async (from, to) => {
    for (const mover of MOVERS) {
      const wo = await workOrderIn(from);
      const result = await move(wo.id, to, world.tokens[mover]);
      const events = await db.prisma.workOrderEvent.findMany({ where: { workOrderId: wo.id } });
      const stored = await db.prisma.workOrder.findUniqueOrThrow({ where: { id: wo.id }, include: { invoice: true } });
      const allowed = ALLOWED[`${from}>${to}`]?.includes(mover) ?? false;
      if (allowed) {
        expect(result.__typename, `${mover} ${from}→${to}`).toMatch(/Success$/);
        expect(stored.status).toBe(to);
        expect(stored.version).toBe(wo.version + 1);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ type: 'STATUS_CHANGED' });
        expect(stored.invoice !== null).toBe(to === 'COMPLETED');
      } else {
        expect(['InvalidTransitionError', 'ForbiddenError', 'NotFoundError'], `${mover} ${from}→${to}`).toContain(result.__typename);
        expect(stored).toMatchObject({ status: from, version: wo.version, invoice: null });
        expect(events).toHaveLength(0);
      }
    }
  });

  it('answers with the moved work order, its price and relations, and no longer editable once started', async () => {
    const wo = await workOrderIn('SCHEDULED');
    const result = await move(wo.id, 'EN_ROUTE', world.tokens.technician);
    expect(result.workOrder).toMatchObject({ status: 'EN_ROUTE', canEdit: false, price: { formatted: '$59.99' }, customer: { name: 'Metro Plumbing' } });
  });

  it('names the status it found when the move is not in the table', async () => {
    const wo = await workOrderIn('COMPLETED');
    expect(await move(wo.id, 'EN_ROUTE', world.tokens.admin)).toMatchObject({
      __typename: 'InvalidTransitionError',
      currentStatus: 'COMPLETED',
      requestedStatus: 'EN_ROUTE',
    });
  });

  it('refuses to start an unassigned job, saying to assign a technician, and still cancels it', async () => {
    const windowStart = new Date(Date.UTC(2027, 5, 1) + slot++ * 3_600_000);
    const unassigned = await createWorkOrder(
      db.prisma,
      { organizationId: world.org.id, customer: world.customer, serviceTypeId: world.serviceType.id, technicianId: null },
      { status: 'SCHEDULED', windowStart, windowEnd: new Date(windowStart.getTime() + 3_600_000), number: 100_000 + slot },
    );
    for (const mover of OFFICE) {
      expect(await move(unassigned.id, 'EN_ROUTE', world.tokens[mover])).toMatchObject({
        __typename: 'InvalidTransitionError',
        message: 'Assign a technician before moving the work order to EN_ROUTE',
        currentStatus: 'SCHEDULED',
        requestedStatus: 'EN_ROUTE',
      });
    }
    expect(await db.prisma.workOrder.findUniqueOrThrow({ where: { id: unassigned.id } })).toMatchObject({ status: 'SCHEDULED', version: unassigned.version });
    expect((await move(unassigned.id, 'CANCELED', world.tokens.dispatcher)).__typename).toMatch(/Success$/);
  });

  it('refuses a technician cancelling their own job', async () => {
    const wo = await workOrderIn('EN_ROUTE');
    expect((await move(wo.id, 'CANCELED', world.tokens.technician)).__typename).toBe('ForbiddenError');
  });

  it('invoices a completed job at its price in the organization currency', async () => {
    const wo = await workOrderIn('IN_PROGRESS');
    await move(wo.id, 'COMPLETED', world.tokens.technician);
    const invoice = await db.prisma.invoice.findFirstOrThrow({ where: { workOrderId: wo.id }, include: { lines: true } });
    expect(invoice).toMatchObject({ totalMinor: wo.priceMinor, currency: 'USD' });
    expect(invoice.lines).toHaveLength(1);
  });

  const cancel = async (id: string, input: Record<string, unknown>) =>
    (await world.api.ok(CANCEL, { input: { id: gid('WorkOrder', id), status: 'CANCELED', ...input } }, world.tokens.dispatcher)).transitionWorkOrder;
  const stateOf = (id: string) => db.prisma.workOrder.findUniqueOrThrow({ where: { id }, select: { status: true, version: true, cancelReason: true } });

  it('cancels with the reason through transitionWorkOrder, which nextStatuses offers the office', async () => {
    const wo = await workOrderIn('ON_SITE');
    const offered = await world.api.ok(`query ($id: ID!) { workOrder(id: $id) { nextStatuses } }`, { id: gid('WorkOrder', wo.id) }, world.tokens.dispatcher);
    expect(offered.workOrder.nextStatuses).toContain('CANCELED');
    expect(await cancel(wo.id, { reason: '  Customer sold the van  ' })).toMatchObject({
      __typename: 'MutationTransitionWorkOrderSuccess',
      workOrder: { status: 'CANCELED', cancelReason: 'Customer sold the van' },
    });
  });

  it('takes a reason of 500 characters as the dispatcher sees them, emoji and accented letters one each', async () => {
    const wo = await workOrderIn('SCHEDULED');
    // 2,000 UTF-16 code units on the wire, 500 characters on screen.
    const reason = '🇨🇦👍🏿'.repeat(249) + 'e\u0301\u0302'.repeat(2);
    expect(await cancel(wo.id, { reason })).toMatchObject({ __typename: 'MutationTransitionWorkOrderSuccess', workOrder: { cancelReason: reason } });
  });

  it.each([
    ['no reason', {}],
    ['a null reason', { reason: null }],
    ['a blank reason', { reason: '   ' }],
    ['a reason over 500 characters', { reason: 'x'.repeat(501) }],
    ['a reason of 501 emoji', { reason: '👍🏿'.repeat(501) }],
  ])('refuses a cancellation with %s as a ValidationError on input.reason, writing nothing', async (_case, input) => {
    const wo = await workOrderIn('SCHEDULED');
    const before = await stateOf(wo.id);
    const result = await cancel(wo.id, input);
    expect(result.__typename).toBe('ValidationError');
    expect(result.fieldErrors.map((error: { path: string[] }) => error.path.join('.'))).toEqual(['input.reason']);
    expect(await stateOf(wo.id)).toEqual(before);
  });

  it('refuses a reason on a move that is not a cancellation', async () => {
    const wo = await workOrderIn('SCHEDULED');
    const result = await move(wo.id, 'EN_ROUTE', world.tokens.dispatcher, { reason: 'On my way' });
    expect(result).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'reason'] }] });
    expect((await stateOf(wo.id)).status).toBe('SCHEDULED');
  });

  it.each(['COMPLETED', 'CANCELED', 'NO_SHOW'] as const)('answers a cancellation of a %s job with InvalidTransitionError naming it', async (status) => {
    const wo = await workOrderIn(status);
    const before = await stateOf(wo.id);
    expect(await cancel(wo.id, { reason: 'Too late' })).toMatchObject({
      __typename: 'InvalidTransitionError',
      currentStatus: status,
      requestedStatus: 'CANCELED',
    });
    expect(await stateOf(wo.id)).toEqual(before);
  });

  it('refuses a stale expected version with the current one', async () => {
    const wo = await workOrderIn('SCHEDULED');
    const result = await move(wo.id, 'EN_ROUTE', world.tokens.dispatcher, { expectedVersion: wo.version + 5 });
    expect(result).toMatchObject({ __typename: 'StaleWriteError', currentVersion: wo.version, currentStatus: 'SCHEDULED' });
  });

  it('lets exactly one of 20 concurrent identical clicks win; the others learn the status they found', async () => {
    const wo = await workOrderIn('SCHEDULED');
    const results = await Promise.all(Array.from({ length: 20 }, () => move(wo.id, 'EN_ROUTE', world.tokens.dispatcher)));
    const winners = results.filter((r) => r.__typename.endsWith('Success'));
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => !r.__typename.endsWith('Success'))) {
      expect(loser).toMatchObject({ __typename: 'InvalidTransitionError', currentStatus: 'EN_ROUTE' });
    }
    expect(await db.prisma.workOrderEvent.count({ where: { workOrderId: wo.id } })).toBe(1);
  });
});
