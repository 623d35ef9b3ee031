import type { Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** What PGlite keeps internal and the guard below needs: its lock for a whole transaction. */
interface PGliteLocks {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * What pglite-socket (0.2.17, pinned) keeps internal and the guard needs: whose run the queue is serving
 * (set once a message is answered), the connections, and the queue's own way to roll back what a client
 * that went away left open (which then serves the others again).
 */
interface ServerInternals {
  queryQueue: { lastHandlerId: number | null; clearTransactionIfNeeded(handlerId: number | null): Promise<void> };
  handlers: Set<{ handlerId: number; isAttached: boolean; socket: Socket | null }>;
}

const READY_FOR_QUERY = 0x5a; // 'Z', length 5, then the status: 'I' idle, 'T' in a transaction, 'E' failed one
const IDLE = 0x49;
const TERMINATE = 0x58; // 'X': the client is going away
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

function simpleQuery(sql: string): Uint8Array {
  const text = new TextEncoder().encode(`${sql}\0`);
  const message = new Uint8Array(5 + text.length);
  message[0] = 0x51; // 'Q'
  new DataView(message.buffer).setInt32(1, 4 + text.length);
  message.set(text, 5);
  return message;
}

/** A FATAL ErrorResponse, after which PostgreSQL closes the connection. */
function fatalError(sqlState: string, text: string): Uint8Array {
  const fields = ['SFATAL', 'VFATAL', `C${sqlState}`, `M${text}`];
  const body = new TextEncoder().encode(`${fields.join('\0')}\0\0`);
  const message = new Uint8Array(5 + body.length);
  message[0] = 0x45; // 'E'
  new DataView(message.buffer).setInt32(1, 4 + body.length);
  message.set(body, 5);
  return message;
}

/** PostgreSQL's FATAL ErrorResponse for a session idle in a transaction too long (SQLSTATE 25P03). */
const idleInTransactionError = () => fatalError('25P03', 'terminating connection due to idle-in-transaction timeout');

const PROTOCOL_VERSION_3 = 196608;
const SMALL_MESSAGE_LIMIT = 10_000; // PostgreSQL's PQ_SMALL_MESSAGE_LIMIT
const codes = (types: string) => new Set([...types].map((type) => type.charCodeAt(0)));
const LARGE_MESSAGES = codes('QPBFd'); // queries, Parse, Bind, a function call, copy data
const SMALL_MESSAGES = codes('CDEHScf'); // Close, Describe, Execute, Flush, Sync, copy done and copy fail

/**
 * Why PostgreSQL would end the session over this message (postgres.c reads only these types after the
 * startup message, the small ones up to SMALL_MESSAGE_LIMIT), or null. PGlite is one session for good:
 * one such message sent it into a loop that never came back, which stopped the whole API process.
 */
function protocolViolation(message: Uint8Array): string | null {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  if (message.length >= 8 && view.getInt32(4) === PROTOCOL_VERSION_3) return null; // a startup message
  const type = message[0]!;
  if (LARGE_MESSAGES.has(type)) return null;
  if (SMALL_MESSAGES.has(type)) return message.length - 1 > SMALL_MESSAGE_LIMIT ? 'invalid message length' : null;
  return `invalid frontend message type ${type}`;
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
 *
 * Held by a socket client, the lock stops every API query, so it is always given back:
 * - a Terminate never takes it (PGlite ignores it; its client is gone before anything could give it back);
 * - a run whose client went away while it waited for the lock is rolled back as soon as it is answered
 *   (the server rolls back only for a client whose run it already recorded);
 * - a run that fails is rolled back and its client's connection closed (the patched queue goes on);
 * - a message PostgreSQL would end the session over never reaches PGlite: its client is disconnected;
 * - a client idle in a transaction for `idleInTransactionMs` is disconnected, as PostgreSQL's
 *   idle_in_transaction_session_timeout does, which rolls its transaction back.
 */
function exclusiveSessions(pglite: PGlite, idleInTransactionMs: number) {
  let release: (() => void) | null = null;
  let tail = new Uint8Array(0);
  let server: ServerInternals | null = null;
  let running = false;
  let runs = 0;
  let idleTimer: NodeJS.Timeout | undefined;

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
  const giveBack = () => {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    release?.();
  };
  const idleNow = () => {
    const at = tail.length - 6;
    return at >= 0 && tail[at] === READY_FOR_QUERY && tail[at + 5] === IDLE;
  };
  const rollBack = async () => {
    await pglite.runExclusive(async () => {
      await pglite.execProtocolRaw(SYNC);
      await pglite.execProtocolRaw(simpleQuery('ROLLBACK'));
    });
    giveBack();
  };
  /** After a run that left the lock held: its client must still be there, and not stay idle past the bound. */
  const watchOwner = (run: number) => {
    // The queue records whose run it was once this message's promise settles: look after that.
    setImmediate(() => {
      if (!release || running || run !== runs || !server) return;
      const owner = server.queryQueue.lastHandlerId;
      const handler = [...server.handlers].find((h) => h.handlerId === owner && h.isAttached && h.socket);
      if (!handler) {
        void server.queryQueue.clearTransactionIfNeeded(owner);
        return;
      }
      idleTimer = setTimeout(() => {
        if (!release || running || run !== runs) return;
        // As PostgreSQL: a FATAL error, then the connection closes, and the server rolls back what it left open.
        const socket = handler.socket;
        if (!socket) return void server?.queryQueue.clearTransactionIfNeeded(owner);
        socket.end(idleInTransactionError());
        setTimeout(() => socket.destroy(), 1_000).unref();
      }, idleInTransactionMs);
      idleTimer.unref();
    });
  };

  const guarded: Partial<PGlite> = {
    isInTransaction: () => release !== null,
    // The lock is taken per message below, where the message is known.
    runExclusive: <T>(fn: () => Promise<T>): Promise<T> => fn(),
    async execProtocolRawStream(message, options) {
      if (message[0] === TERMINATE) return;
      const violation = protocolViolation(message);
      if (violation) {
        // As PostgreSQL: a FATAL error, then the queue fails the message, which closes the connection
        // (and rolls back what its client had open).
        options?.onRawData?.(fatalError('08P01', violation));
        throw new Error(violation);
      }
      clearTimeout(idleTimer);
      await hold();
      running = true;
      const run = ++runs;
      tail = new Uint8Array(0);
      try {
        await pglite.runExclusive(() =>
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
        );
      } catch (error) {
        // The queue fails this message, which closes its client's connection: nothing of it stays open.
        running = false;
        await rollBack().catch(giveBack);
        throw error;
      }
      running = false;
      if (idleNow()) giveBack();
      else watchOwner(run);
    },
    // The server rolls back what a client that went away left open; the lock is ours, so not through exec().
    async exec(sql) {
      await pglite.runExclusive(async () => {
        await pglite.execProtocolRaw(SYNC);
        await pglite.execProtocolRaw(simpleQuery(sql));
      });
      giveBack();
      return [];
    },
  };
  const db = new Proxy(pglite, {
    get(target, property) {
      if (property in guarded) return guarded[property as keyof PGlite];
      // PGlite's own members read its private fields, so they run on PGlite itself, not on the proxy.
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    db,
    serve(socketServer: PGLiteSocketServer) {
      const internals = socketServer as unknown as ServerInternals;
      if (typeof internals.queryQueue?.clearTransactionIfNeeded !== 'function' || !(internals.handlers instanceof Set)) {
        throw new Error('@electric-sql/pglite-socket changed: its queue and connections are not where the guard looks');
      }
      server = internals;
    },
    stop: () => clearTimeout(idleTimer),
  };
}

export interface PGliteSocket {
  /** A connection string for node-postgres clients such as graphile-worker's. */
  connectionString: string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** How long a client may sit idle inside a transaction before it is disconnected (and rolled back). */
  idleInTransactionMs?: number;
}

/**
 * graphile-worker never waits between the statements of its transactions (only its migrations make
 * one), so a client idle in a transaction this long has gone wrong, and it holds every API query.
 */
export const IDLE_IN_TRANSACTION_MS = 5_000;

/** Serves the embedded database on a free port of 127.0.0.1 (graphile-worker speaks to PostgreSQL over sockets). */
export async function servePGlite(pglite: PGlite, maxConnections: number, options: ServeOptions = {}): Promise<PGliteSocket> {
  const sessions = exclusiveSessions(pglite, options.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS);
  const server = new PGLiteSocketServer({ db: sessions.db, host: '127.0.0.1', port: 0, maxConnections });
  sessions.serve(server);
  await server.start();
  return {
    connectionString: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async stop() {
      sessions.stop();
      await server.stop();
    },
  };
}
