import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkOrderStatus } from '../../../src/domain/status.js';
import { createWorkOrder } from '../../support/fixtures.js';
import { worldForFile } from '../../support/world-for-file.js';
import { CANCEL, TRANSITION, createWorld, gid, type World } from '../../support/world.js';

type Caller = keyof World['tokens'];

/**
 * The two kinds of transition that take an idempotency key (a cancellation carries a reason), each with
 * a first request and the same request with another input under the same key.
 */
const OPERATIONS = [
  {
    name: 'a cancellation',
    from: 'SCHEDULED' as WorkOrderStatus,
    to: 'CANCELED' as WorkOrderStatus,
    input: (id: string, key: string, reason = 'Customer called to cancel') => ({ id: gid('WorkOrder', id), status: 'CANCELED', reason, idempotencyKey: key }),
    otherInput: (id: string, key: string) => ({ id: gid('WorkOrder', id), status: 'CANCELED', reason: 'Another reason altogether', idempotencyKey: key }),
    query: CANCEL,
  },
  {
    name: 'a move along the job',
    from: 'SCHEDULED' as WorkOrderStatus,
    to: 'EN_ROUTE' as WorkOrderStatus,
    input: (id: string, key: string) => ({ id: gid('WorkOrder', id), status: 'EN_ROUTE', idempotencyKey: key }),
    otherInput: (id: string, key: string) => ({ id: gid('WorkOrder', id), status: 'EN_ROUTE', expectedVersion: 1, idempotencyKey: key }),
    query: TRANSITION,
  },
] as const;

describe.each(OPERATIONS)('an idempotency key on $name', (operation) => {
  const { db, world } = worldForFile();
  let stranger: World;
  let slot = 0;

  beforeAll(async () => {
    stranger = await createWorld(db);
  });
  afterAll(async () => {
    await stranger.api.close();
  });

  /** A job of the world's technician, in a window of its own, at version 1. */
  async function job(status: WorkOrderStatus = operation.from) {
    const windowStart = new Date(Date.UTC(2027, 7, 1) + slot++ * 3_600_000);
    return createWorkOrder(
      db.prisma,
      { organizationId: world.org.id, customer: world.customer, serviceTypeId: world.serviceType.id, technicianId: world.technician.id },
      { status, windowStart, windowEnd: new Date(windowStart.getTime() + 3_600_000), number: 200_000 + slot },
    );
  }

  const send = (input: Record<string, unknown>, caller: Caller, as: World = world) =>
    as.api.ok(operation.query, { input }, as.tokens[caller]).then((data) => data.transitionWorkOrder);

  async function stateOf(id: string) {
    const stored = await db.prisma.workOrder.findUniqueOrThrow({ where: { id } });
    return { status: stored.status, version: stored.version, cancelReason: stored.cancelReason, events: await db.prisma.workOrderEvent.count({ where: { workOrderId: id } }) };
  }

  it('returns the first result to a retry with the same input, and applies it once', async () => {
    const wo = await job();
    const first = await send(operation.input(wo.id, `retry-${wo.id}`), 'dispatcher');
    const retry = await send(operation.input(wo.id, `retry-${wo.id}`), 'dispatcher');
    expect(first.__typename).toMatch(/Success$/);
    expect(retry).toEqual(first);
    expect(await stateOf(wo.id)).toMatchObject({ status: operation.to, version: 2, events: 1 });
  });

  it('refuses the same key with another input with IdempotencyKeyReuseError, and changes nothing', async () => {
    const wo = await job();
    await send(operation.input(wo.id, `reuse-${wo.id}`), 'dispatcher');
    const before = await stateOf(wo.id);
    const reused = await send(operation.otherInput(wo.id, `reuse-${wo.id}`), 'dispatcher');
    expect(reused).toMatchObject({ __typename: 'IdempotencyKeyReuseError', message: expect.stringContaining('different input') });
    expect(await stateOf(wo.id)).toEqual(before);
  });

  it('refuses the same key on another work order, which stays as it was', async () => {
    const [a, b] = [await job(), await job()];
    await send(operation.input(a.id, `other-job-${a.id}`), 'dispatcher');
    expect((await send(operation.input(b.id, `other-job-${a.id}`), 'dispatcher')).__typename).toBe('IdempotencyKeyReuseError');
    expect(await stateOf(b.id)).toMatchObject({ status: operation.from, version: 1, events: 0 });
  });

  it.each(['technician', 'customer', 'readKey'] as const)("does not replay a dispatcher's key to the %s: its permission is checked", async (caller) => {
    const wo = await job();
    await send(operation.input(wo.id, `dispatcher-${wo.id}`), 'dispatcher');
    const before = await stateOf(wo.id);
    const replayed = await send(operation.input(wo.id, `dispatcher-${wo.id}`), caller);
    // A technician may move their own job EN_ROUTE, so for them the key is a key of their own and the
    // job has already left SCHEDULED; nobody else may make this move at all.
    const expected = caller === 'technician' && operation.to === 'EN_ROUTE' ? 'InvalidTransitionError' : 'ForbiddenError';
    expect(replayed.__typename).toBe(expected);
    expect(await stateOf(wo.id)).toEqual(before);
  });

  it("treats another caller's key as that caller's own: the API key's request runs", async () => {
    const [a, b] = [await job(), await job()];
    await send(operation.input(a.id, 'shared-key'), 'dispatcher');
    const theirs = await send(operation.input(b.id, 'shared-key'), 'writeKey');
    expect(theirs.__typename).toMatch(/Success$/);
    expect(await stateOf(b.id)).toMatchObject({ status: operation.to, events: 1 });
  });

  it("gives another organization's caller nothing of the first result", async () => {
    const wo = await job();
    await send(operation.input(wo.id, `foreign-${wo.id}`), 'dispatcher');
    const before = await stateOf(wo.id);
    expect((await send(operation.input(wo.id, `foreign-${wo.id}`), 'dispatcher', stranger)).__typename).toBe('NotFoundError');
    expect(await stateOf(wo.id)).toEqual(before);
  });

  it('refuses the same key sent again for the other kind of transition, a reuse of one mutation', async () => {
    const wo = await job();
    expect((await send(operation.input(wo.id, `cross-${wo.id}`), 'dispatcher')).__typename).toMatch(/Success$/);
    const before = await stateOf(wo.id);
    const other = operation === OPERATIONS[0] ? OPERATIONS[1] : OPERATIONS[0];
    expect((await send(other.input(wo.id, `cross-${wo.id}`), 'dispatcher')).__typename).toBe('IdempotencyKeyReuseError');
    expect(await stateOf(wo.id)).toEqual(before);
  });

  it('applies 10 concurrent requests with one key once, and all of them get the first result', async () => {
    const wo = await job();
    const results = await Promise.all(Array.from({ length: 10 }, () => send(operation.input(wo.id, `burst-${wo.id}`), 'dispatcher')));
    expect(results.map((r) => r.__typename)).toEqual(Array(10).fill('MutationTransitionWorkOrderSuccess'));
    expect(await stateOf(wo.id)).toMatchObject({ status: operation.to, version: 2, events: 1 });
  });

  it('lets one of 6 concurrent requests with one key and different jobs run; the others are refused as a reuse', async () => {
    const jobs = await Promise.all(Array.from({ length: 6 }, () => job()));
    const results = await Promise.all(jobs.map((wo) => send(operation.input(wo.id, `race-${jobs[0]!.id}`), 'dispatcher')));
    const names = results.map((r) => r.__typename);
    expect(names.filter((n) => n.endsWith('Success'))).toHaveLength(1);
    expect(names.filter((n) => n === 'IdempotencyKeyReuseError')).toHaveLength(5);
    const states = await Promise.all(jobs.map((wo) => stateOf(wo.id)));
    expect(states.filter((s) => s.status === operation.to)).toHaveLength(1);
    expect(states.reduce((sum, s) => sum + s.events, 0)).toBe(1);
  });
});
