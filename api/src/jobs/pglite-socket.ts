import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** What PGlite keeps internal and the guard below needs: its lock for a whole transaction. */
interface PGliteLocks {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

const READY_FOR_QUERY = 0x5a; // 'Z', length 5, then the status: 'I' idle, 'T' in a transaction, 'E' failed one
const IDLE = 0x49;
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

function simpleQuery(sql: string): Uint8Array {
  const text = new TextEncoder().encode(`${sql}\0`);
  const message = new Uint8Array(5 + text.length);
  message[0] = 0x51; // 'Q'
  new DataView(message.buffer).setInt32(1, 4 + text.length);
  message.set(text, 5);
  return message;
}

/**
 * The embedded database, as the socket server sees it. PGlite is one PostgreSQL session: the server
 * multiplexes its clients onto it message by message, and the API's own queries go to it directly. A
 * client's messages from its first one until PostgreSQL is idle again (a whole transaction, or an
 * extended-protocol exchange up to its Sync) must run with nothing else in between, or another client's
 * statement would land inside its transaction or replace its unnamed statement. So the first message of
 * such a run takes PGlite's transaction lock, which the API's own queries and transactions also take,
 * and the run gives it back when a ReadyForQuery says idle. While it is held the server says "in a
 * transaction", which makes it serve only that client.
 */
function exclusiveSessions(pglite: PGlite): PGlite {
  let release: (() => void) | null = null;
  let tail = new Uint8Array(0);

  const hold = async () => {
    if (release) return;
    await new Promise<void>((held) => {
      void (pglite as unknown as PGliteLocks)._runExclusiveTransaction(
        () => new Promise<void>((done) => {
          release = () => {
            release = null;
            done();
          };
          held();
        }),
      );
    });
  };
  const letGoIfIdle = () => {
    const at = tail.length - 6;
    if (at >= 0 && tail[at] === READY_FOR_QUERY && tail[at + 5] === IDLE) release?.();
  };

  const guarded: Partial<PGlite> = {
    isInTransaction: () => release !== null,
    async runExclusive<T>(fn: () => Promise<T>): Promise<T> {
      await hold();
      tail = new Uint8Array(0);
      try {
        return await pglite.runExclusive(fn);
      } finally {
        letGoIfIdle();
      }
    },
    execProtocolRawStream: (message, options) =>
      pglite.execProtocolRawStream(message, {
        ...options,
        onRawData: (data) => {
          const joined = new Uint8Array(Math.min(6, tail.length + data.length));
          const fromTail = joined.length - Math.min(data.length, joined.length);
          joined.set(tail.subarray(tail.length - fromTail), 0);
          joined.set(data.subarray(data.length - (joined.length - fromTail)), fromTail);
          tail = joined;
          options?.onRawData?.(data);
        },
      }),
    // The server rolls back what a client that went away left open; the lock is ours, so not through exec().
    async exec(sql) {
      await pglite.runExclusive(async () => {
        await pglite.execProtocolRaw(SYNC);
        await pglite.execProtocolRaw(simpleQuery(sql));
      });
      release?.();
      return [];
    },
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property in guarded) return guarded[property as keyof PGlite];
      // PGlite's own members read its private fields, so they run on PGlite itself, not on the proxy.
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface PGliteSocket {
  /** A connection string for node-postgres clients such as graphile-worker's. */
  connectionString: string;
  stop(): Promise<void>;
}

/** Serves the embedded database on a free port of 127.0.0.1 (graphile-worker speaks to PostgreSQL over sockets). */
export async function servePGlite(pglite: PGlite, maxConnections: number): Promise<PGliteSocket> {
  const server = new PGLiteSocketServer({ db: exclusiveSessions(pglite), host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    connectionString: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    stop: () => server.stop(),
  };
}
