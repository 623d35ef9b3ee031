import pg from 'pg';
import type { Listen } from './listen.js';
import { poolConfig } from './pool.js';

/** Empty payload: the connection was re-made, notifications may have been missed, check everything. */
export const RECONNECTED = '';

/**
 * LISTEN on a connection of its own, re-made with backoff whenever it drops. After a reconnect every
 * listener gets RECONNECTED, since notifications sent while it was down are gone.
 */
export function pgListen(url: string): { listen: Listen; close(): Promise<void> } {
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retryMs = 100;

  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      for (;;) {
        const next = new pg.Client(poolConfig(url));
        try {
          await next.connect();
          next.on('notification', ({ channel, payload }) => listeners.get(channel)?.forEach((fn) => fn(payload ?? '')));
          next.on('error', () => void next.end().catch(() => {}));
          next.on('end', () => onDrop(next));
          for (const channel of listeners.keys()) await next.query(`LISTEN "${channel}"`);
          retryMs = 100;
          client = next;
          return next;
        } catch (error) {
          await next.end().catch(() => {});
          if (closed) throw error;
          await new Promise((resolve) => setTimeout(resolve, retryMs));
          retryMs = Math.min(retryMs * 2, 5_000);
        }
      }
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  };

  const onDrop = (dropped: pg.Client) => {
    if (client !== dropped || closed) return;
    client = null;
    void connect().then(() => listeners.forEach((set) => set.forEach((fn) => fn(RECONNECTED))), () => {});
  };

  return {
    async listen(channel, onPayload) {
      const set = listeners.get(channel) ?? new Set();
      const isNew = set.size === 0;
      set.add(onPayload);
      listeners.set(channel, set);
      const active = client ?? (await connect());
      if (isNew && active === client) await active.query(`LISTEN "${channel}"`);
      return async () => {
        set.delete(onPayload);
        if (set.size === 0) {
          listeners.delete(channel);
          await client?.query(`UNLISTEN "${channel}"`).catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      await client?.end().catch(() => {});
    },
  };
}
