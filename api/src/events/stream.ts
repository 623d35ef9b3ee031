import { Repeater, RepeaterOverflowError } from '@repeaterjs/repeater';
import type { PrismaClient, WorkOrderEvent } from '../generated/prisma/client.js';
import { retryWhileUnavailable } from '../db/reachability.js';
import type { Caller } from '../domain/caller.js';
import { SubscriberTooSlowError } from '../domain/errors.js';
import { changeVisibleTo, type LoggedChange } from '../domain/event-visibility.js';
import type { EventFeed } from './feed.js';

const REPLAY_BATCH = 500;

function asChange(event: WorkOrderEvent): LoggedChange {
  return event as unknown as LoggedChange;
}

/**
 * The events a subscriber may see, in sequence order: first those after `after` from the log,
 * then live ones, with no gap and no duplicate. The live listener is registered before the replay
 * starts; what arrives meanwhile waits in a buffer and anything already replayed is dropped by seq.
 * A subscriber that leaves more than the Repeater's limit (1,024) of events unread gets what it has,
 * then SubscriberTooSlowError, rather than holding the events of everyone else in memory.
 */
export function changeStream(options: {
  prisma: PrismaClient;
  feed: EventFeed;
  caller: Caller;
  after: bigint | null;
  concerns: (change: LoggedChange) => boolean;
}): Repeater<WorkOrderEvent> {
  const { prisma, feed, caller, after, concerns } = options;
  return new Repeater<WorkOrderEvent>(async (push, stop) => {
    let lastSeq = after ?? -1n;
    let replaying = true;
    const buffered: WorkOrderEvent[] = [];

    const deliver = (event: WorkOrderEvent) => {
      if (event.seq <= lastSeq) return;
      lastSeq = event.seq;
      const change = asChange(event);
      if (!changeVisibleTo(caller, change) || !concerns(change)) return;
      try {
        void push(event);
      } catch (error) {
        if (!(error instanceof RepeaterOverflowError)) throw error;
        void stop(new SubscriberTooSlowError());
      }
    };
    const stopped = new AbortController();
    void stop.then(() => stopped.abort());

    const unsubscribe = await feed.subscribe(caller.organizationId, (event) => {
      if (replaying) buffered.push(event);
      else deliver(event);
    });
    try {
      if (after !== null) {
        for (;;) {
          const page = await retryWhileUnavailable(() =>
            prisma.workOrderEvent.findMany({
              where: { organizationId: caller.organizationId, seq: { gt: lastSeq } },
              orderBy: { seq: 'asc' },
              take: REPLAY_BATCH,
            }),
            { signal: stopped.signal },
          );
          page.forEach(deliver);
          if (page.length < REPLAY_BATCH) break;
        }
      }
      replaying = false;
      buffered.forEach(deliver);
      buffered.length = 0;
      await stop;
    } catch (error) {
      // Stopped during the replay (the reader left, or fell too far behind): the page read was aborted,
      // and the reason the stream was stopped with is the one its reader gets.
      if (!stopped.signal.aborted) throw error;
    } finally {
      unsubscribe();
    }
  });
}
