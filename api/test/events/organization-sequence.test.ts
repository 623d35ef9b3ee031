import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Caller } from '../../src/domain/caller.js';
import type { WorkOrderSnapshot } from '../../src/domain/work-order.js';
import { appendEvent } from '../../src/events/log.js';
import { openTestDatabase } from '../support/database.js';
import { TRANSITION, createWorld, newWorkOrderInput, type World } from '../support/world.js';

const CREATE = `mutation ($input: CreateWorkOrderInput!) {
  createWorkOrder(input: $input) { __typename ... on MutationCreateWorkOrderSuccess { workOrder { id } } }
}`;
const EVENTS = `query ($afterSeq: String, $after: String) {
  events(afterSeq: $afterSeq, after: $after, first: 100) { edges { node { seq workOrderId } } pageInfo { hasNextPage endCursor } }
}`;
const LAST_EVENT_SEQ = `{ lastEventSeq }`;

type Node = { seq: string; workOrderId: string };
type Page = { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

const rowIdOf = (globalId: string) => decodeGlobalID(globalId).id;

/** 1, 2, … n as the API writes seqs. */
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/**
 * Each organization numbers its own events: what one tenant writes shows nowhere in another's
 * numbers, and within an organization the numbers are 1, 2, 3… in commit order.
 */
describe("an organization's event sequence", () => {
  let db: Database;
  let metro: World;
  let northside: World;

  /** Every event after `afterSeq` that the caller may see, paging through the log as an integration does. */
  const readAfter = async (world: World, afterSeq: string | null, token = world.tokens.dispatcher) => {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const { events }: { events: Page } = await world.api.ok(EVENTS, { afterSeq, after }, token);
      nodes.push(...events.edges.map((edge) => edge.node));
      if (!events.pageInfo.hasNextPage) return nodes;
      after = events.pageInfo.endCursor;
    }
  };
  const seqsOf = async (world: World) => (await readAfter(world, null)).map((node) => node.seq);
  const create = async (world: World) =>
    (await world.api.ok<{ createWorkOrder: { workOrder: { id: string } } }>(CREATE, { input: newWorkOrderInput(world) }, world.tokens.dispatcher)).createWorkOrder
      .workOrder.id;
  const setOff = (world: World, id: string) => world.api.ok(TRANSITION, { input: { id, status: 'EN_ROUTE' } }, world.tokens.dispatcher);

  beforeAll(async () => {
    db = await openTestDatabase();
    metro = await createWorld(db);
    northside = await createWorld(db);
  });
  afterAll(async () => {
    await northside.api.close();
    await metro.api.close();
    await db.close();
  });

  it('numbers each organization 1, 2, 3… with no gap left by what the other organization writes in between', async () => {
    const metroJob = await create(metro);
    const northsideJob = await create(northside);
    await create(northside);
    await setOff(metro, metroJob);
    await create(metro);
    await setOff(northside, northsideJob);
    await create(northside);

    expect(await seqsOf(metro)).toEqual(oneTo(3));
    expect(await seqsOf(northside)).toEqual(oneTo(4));
    expect(await metro.api.ok(LAST_EVENT_SEQ, {}, metro.tokens.dispatcher)).toEqual({ lastEventSeq: '3' });
    expect(await northside.api.ok(LAST_EVENT_SEQ, {}, northside.tokens.dispatcher)).toEqual({ lastEventSeq: '4' });
  });

  it('gives writers of one organization at the same time distinct numbers with no gap', async () => {
    const before = (await seqsOf(metro)).length;
    const jobs: string[] = [];
    for (let i = 0; i < 12; i++) jobs.push(await create(metro));
    // Twelve transitions at once, and the other organization writing meanwhile.
    await Promise.all([...jobs.map((id) => setOff(metro, id)), create(northside), create(northside)]);

    const seqs = await seqsOf(metro);
    expect(seqs).toEqual(oneTo(before + 24));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  describe('a reader resuming after the last seq it read', () => {
    let caller: Caller;
    /** Two work orders' global IDs, as the event log answers them. */
    let jobs: string[];
    const append = (tx: Parameters<typeof appendEvent>[0], job: string) =>
      appendEvent(tx, { caller, workOrderId: rowIdOf(job), type: 'EDITED', before: null, after: { status: 'SCHEDULED' } as unknown as WorkOrderSnapshot });

    beforeAll(async () => {
      caller = { kind: 'apiKey', organizationId: metro.org.id, apiKeyId: 'key', name: 'Resume test', scopes: ['WRITE_WORK_ORDERS'] };
      jobs = [await create(metro), await create(metro)];
    });

    it('still gets the event of a transaction that began first and committed after the reader had read on', async () => {
      const start = (await seqsOf(metro)).at(-1)!;
      let insertedFirst!: () => void;
      const firstInserted = new Promise<void>((resolve) => (insertedFirst = resolve));
      let readerHasRead!: () => void;
      const readerDone = new Promise<void>((resolve) => (readerHasRead = resolve));

      const slow = db.prisma.$transaction(async (tx) => {
        await append(tx, jobs[0]!);
        insertedFirst();
        await readerDone;
      });
      await firstInserted;
      await db.prisma.$transaction((tx) => append(tx, jobs[1]!));

      const firstRead = await readAfter(metro, start);
      expect(firstRead.map((node) => node.workOrderId)).toEqual([jobs[1]]);
      readerHasRead();
      await slow;

      const resumed = await readAfter(metro, firstRead.at(-1)!.seq);
      expect(resumed.map((node) => node.workOrderId)).toEqual([jobs[0]]);
      expect([...firstRead, ...resumed].map((node) => BigInt(node.seq))).toEqual([BigInt(start) + 1n, BigInt(start) + 2n]);
    });

    it('misses nothing while many writers commit, reading on from each last seq', async () => {
      const start = (await seqsOf(metro)).at(-1)!;
      const written = 40;
      let writing = true;
      const writers = Promise.all(
        // As many as the pool can serve at once and more: they wait for a connection, not fail.
        Array.from({ length: written }, (_, i) => db.prisma.$transaction((tx) => append(tx, jobs[i % 2]!), { maxWait: 60_000 })),
      ).finally(() => (writing = false));

      const seen: string[] = [];
      let last = start;
      // Read on while the writers commit, then once more after the last has committed.
      for (let reading = true; reading; ) {
        reading = writing;
        const page = await readAfter(metro, last);
        seen.push(...page.map((node) => node.seq));
        last = seen.at(-1) ?? last;
      }
      await writers;

      expect(seen).toEqual(oneTo(Number(start) + written).slice(Number(start)));
    });
  });
});
