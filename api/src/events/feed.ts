import type { PrismaClient, WorkOrderEvent } from '../generated/prisma/client.js';
import type { Listen } from '../db/listen.js';
import { latestEventSeq } from './log.js';

/** Raised by the event log's trigger on commit, with `<organizationId>:<seq>`. */
const EVENTS_CHANNEL = 'work_order_events';

type Listener = (event: WorkOrderEvent) => void;

interface OrganizationFeed {
  /** The last sequence number read for this organization. */
  cursor: bigint;
  listeners: Set<Listener>;
  reading: boolean;
  again: boolean;
}

const BATCH = 500;
const RETRY_MS = 1_000;

/**
 * This process's one reader of the event log. A notification ("<organizationId>:<seq>", raised on
 * commit by a trigger) only wakes it up; it then reads the organization's events after its cursor,
 * once for all of that organization's subscribers here. Because events of one organization take
 * their sequence numbers in commit order, reading "after the cursor" never skips one.
 */
/** One subscriber's failure must not cost the others the event. */
function deliverTo(listener: Listener, event: WorkOrderEvent): void {
  try {
    listener(event);
  } catch (error) {
    console.error('An event listener failed', error);
  }
}

export class EventFeed {
  private readonly organizations = new Map<string, OrganizationFeed>();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(private readonly prisma: PrismaClient, private readonly listen: Listen) {}

  async start(): Promise<void> {
    this.stopListening = await this.listen(EVENTS_CHANNEL, (payload) => {
      const organizationId = payload.split(':')[0];
      if (organizationId) this.wake(organizationId);
      else for (const id of this.organizations.keys()) this.wake(id);
    });
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.organizations.clear();
  }

  /** Delivers every event of the organization committed from now on, in sequence order. */
  async subscribe(organizationId: string, listener: Listener): Promise<() => void> {
    let feed = this.organizations.get(organizationId);
    if (!feed) {
      const cursor = await latestEventSeq(this.prisma, organizationId);
      feed = this.organizations.get(organizationId) ?? { cursor, listeners: new Set(), reading: false, again: false };
      this.organizations.set(organizationId, feed);
    }
    feed.listeners.add(listener);
    const subscribed = feed;
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size === 0 && this.organizations.get(organizationId) === subscribed) {
        this.organizations.delete(organizationId);
      }
    };
  }

  /** For tests and health checks: how many subscribers this process is serving. */
  listenerCount(): number {
    let count = 0;
    for (const feed of this.organizations.values()) count += feed.listeners.size;
    return count;
  }

  private wake(organizationId: string): void {
    const feed = this.organizations.get(organizationId);
    if (!feed) return;
    if (feed.reading) {
      feed.again = true;
      return;
    }
    feed.reading = true;
    void this.read(organizationId, feed);
  }

  private async read(organizationId: string, feed: OrganizationFeed): Promise<void> {
    try {
      do {
        feed.again = false;
        const events = await this.prisma.workOrderEvent.findMany({
          where: { organizationId, seq: { gt: feed.cursor } },
          orderBy: { seq: 'asc' },
          take: BATCH,
        });
        for (const event of events) {
          feed.cursor = event.seq;
          for (const listener of feed.listeners) deliverTo(listener, event);
        }
        if (events.length === BATCH) feed.again = true;
      } while (feed.again);
      feed.reading = false;
    } catch {
      // The database is unreachable: keep the cursor and try again; nothing is skipped.
      setTimeout(() => {
        feed.reading = false;
        this.wake(organizationId);
      }, RETRY_MS).unref();
    }
  }
}
