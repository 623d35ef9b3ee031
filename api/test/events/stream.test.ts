import { describe, expect, it } from 'vitest';
import type { PrismaClient, WorkOrderEvent } from '../../src/generated/prisma/client.js';
import type { Caller } from '../../src/domain/caller.js';
import { EventFeed } from '../../src/events/feed.js';
import type { Listen } from '../../src/db/listen.js';
import { changeStream } from '../../src/events/stream.js';

const ORG = '00000000-0000-4000-8000-000000000001';
const dispatcher: Caller = { kind: 'user', organizationId: ORG, userId: 'u', name: 'Dispatch', role: 'DISPATCHER', technicianId: null, customerId: null };
const eventNumber = (seq: number) =>
  ({ seq: BigInt(seq), organizationId: ORG, workOrderId: 'w', before: null, after: { status: 'SCHEDULED' } }) as unknown as WorkOrderEvent;

/** A feed that hands the test the listener a stream registers, so the test plays the database. */
function handFedFeed() {
  let listener: (event: WorkOrderEvent) => void = () => {};
  const feed = {
    subscribe: async (_organizationId: string, registered: typeof listener) => {
      listener = registered;
      return () => {};
    },
  } as unknown as EventFeed;
  return { feed, publish: (event: WorkOrderEvent) => listener(event) };
}

describe('a subscriber that stops reading', () => {
  it('gets every event it left unread, then SUBSCRIBER_TOO_SLOW, and never stops the feed', async () => {
    const { feed, publish } = handFedFeed();
    const stream = changeStream({ prisma: {} as PrismaClient, feed, caller: dispatcher, after: null, concerns: () => true });
    const first = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let seq = 1; seq <= 2_000; seq++) expect(() => publish(eventNumber(seq))).not.toThrow();

    const received: bigint[] = [(await first).value!.seq];
    let failure: unknown;
    try {
      for await (const event of stream) received.push(event.seq);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ code: 'SUBSCRIBER_TOO_SLOW' });
    expect(received.length).toBeGreaterThan(1_000);
    expect(received.length).toBeLessThan(2_000);
    expect(received).toEqual(received.map((_, i) => BigInt(i + 1)));
  });

  it("does not cost the feed's other listeners the event when one listener fails", async () => {
    let wake: (payload: string) => void = () => {};
    const listen: Listen = async (_channel, onPayload) => {
      wake = onPayload;
      return async () => {};
    };
    const log = [eventNumber(1), eventNumber(2)];
    const prisma = {
      workOrderEvent: {
        findFirst: async () => null,
        findMany: async ({ where }: { where: { seq: { gt: bigint } } }) => log.filter((event) => event.seq > where.seq.gt),
      },
    } as unknown as PrismaClient;
    const feed = new EventFeed(prisma, listen);
    await feed.start();
    const seen: bigint[] = [];
    await feed.subscribe(ORG, () => {
      throw new Error('a broken subscriber');
    });
    await feed.subscribe(ORG, (event) => seen.push(event.seq));
    wake(`${ORG}:2`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([1n, 2n]);
    await feed.stop();
  });

  it('stops retrying its replay and lets go of the feed as soon as the subscriber leaves', async () => {
    let unsubscribed = false;
    const feed = { subscribe: async () => () => void (unsubscribed = true) } as unknown as EventFeed;
    let reads = 0;
    const unreachable = {
      workOrderEvent: {
        findMany: async () => {
          reads += 1;
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        },
      },
    } as unknown as PrismaClient;
    const stream = changeStream({ prisma: unreachable, feed, caller: dispatcher, after: 0n, concerns: () => true });
    const pending = stream.next().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads).toBeGreaterThan(0);
    await stream.return();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const readsAfterLeaving = reads;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(unsubscribed).toBe(true);
    expect(reads).toBe(readsAfterLeaving);
  });
});

