import net from 'node:net';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { openPGlite } from '../../src/db/pglite.js';
import { servePGlite, type PGliteSocket } from '../../src/jobs/pglite-socket.js';

// The embedded database's socket server (graphile-worker's way in) and the API's own queries share one
// PGlite session and its transaction lock. Whatever a socket client does, the lock must come back: these
// faults each left every API query and every socket client waiting forever.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** 'answered', or how long it went unanswered. */
const within = (promise: Promise<unknown>, ms = 3_000) =>
  Promise.race([promise.then(() => 'answered'), sleep(ms).then(() => `no answer in ${ms} ms`)]);

/** PGlite as the socket server sees it, with each message it runs shown to `inspect` first. */
function inspected(db: PGlite, inspect: (message: Uint8Array) => void): PGlite {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          inspect(message);
          return target.execProtocolRawStream(message, options);
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the embedded database socket server', () => {
  let pglite: PGlite;
  let socket: PGliteSocket;
  const clients: pg.Client[] = [];

  /** Serves a fresh PGlite; `inspect` sees each message the server hands PGlite and may fail it instead. */
  async function start(idleInTransactionMs = 500, inspect?: (message: Uint8Array) => void) {
    pglite = openPGlite();
    await pglite.waitReady;
    await pglite.exec('CREATE TABLE marks (label text)');
    const served = inspect ? inspected(pglite, inspect) : pglite;
    socket = await servePGlite(served, 8, { idleInTransactionMs });
  }
  async function client() {
    const c = new pg.Client({ connectionString: socket.connectionString });
    c.on('error', () => {});
    clients.push(c);
    await c.connect();
    return c;
  }
  /** The API's own query, and a new socket client's (the worker's), both answer. */
  async function expectBothAnswer() {
    expect(await within(pglite.query('SELECT 1'))).toBe('answered');
    expect(await within((await client()).query('SELECT 1'))).toBe('answered');
  }

  afterEach(async () => {
    for (const c of clients.splice(0)) c.end().catch(() => {});
    await socket?.stop();
    await pglite?.close();
  });

  it('is not held by a client that ends (as a pool ends an idle one) while an API transaction runs', async () => {
    await start();
    const leaving = await client();
    await leaving.query('SELECT 1');
    await pglite.transaction(async (tx) => {
      await tx.query('SELECT 1');
      await leaving.end();
      await sleep(100);
    });
    await expectBothAnswer();
  });

  it('rolls back a transaction whose client dropped while its BEGIN waited for an API transaction', async () => {
    await start();
    const dropping = await client();
    await pglite.transaction(async (tx) => {
      await tx.query('SELECT 1');
      dropping.query('BEGIN').catch(() => {});
      await sleep(50);
      (dropping as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      await sleep(100);
    });
    await expectBothAnswer();
  });

  it('disconnects a client idle in a transaction past the bound, as PostgreSQL does, and rolls it back', async () => {
    await start(300);
    const silent = await client();
    const ended = new Promise<Error>((resolve) => silent.on('error', resolve));
    await silent.query('BEGIN');
    await silent.query("INSERT INTO marks VALUES ('uncommitted')");
    // While it holds the lock, the API waits; then the bound ends its session.
    expect(await within(pglite.query('SELECT 1'), 3_000)).toBe('answered');
    expect(await ended).toMatchObject({ code: '25P03' });
    expect((await pglite.query('SELECT count(*)::int AS n FROM marks')).rows).toEqual([{ n: 0 }]);
    await expectBothAnswer();
  });

  it('keeps serving when a run fails: its client is disconnected and what it had open is rolled back', async () => {
    let fail = false;
    await start(60_000, (message) => {
      if (fail && new TextDecoder().decode(message).includes('fails here')) {
        fail = false;
        throw new Error('the run failed');
      }
    });

    const failing = await client();
    await failing.query('BEGIN');
    await failing.query("INSERT INTO marks VALUES ('uncommitted')");
    fail = true;
    await expect(failing.query("SELECT 'fails here'")).rejects.toThrow();
    expect((await pglite.query('SELECT count(*)::int AS n FROM marks')).rows).toEqual([{ n: 0 }]);
    await expectBothAnswer();
  });

  it('answers a message PostgreSQL would end the session over with its FATAL error, without passing it to PGlite', async () => {
    // Such a message (an unknown type, a Sync longer than PostgreSQL reads) sent PGlite into a loop that
    // stopped the whole process: this stand-in records what reaches it instead.
    const reached: number[] = [];
    await start(60_000, (message) => {
      reached.push(message[0]!);
      if (message[0] === 0x7a || message.length > 10_005) throw new Error('PGlite would not come back from this');
    });
    const port = Number(/:(\d+)\//.exec(socket.connectionString)![1]);
    const frame = (type: string, body: Buffer) => {
      const message = Buffer.alloc(5 + body.length);
      message.write(type, 0);
      message.writeInt32BE(4 + body.length, 1);
      body.copy(message, 5);
      return message;
    };
    const parameters = Buffer.from('user\0postgres\0database\0postgres\0\0');
    const startup = Buffer.alloc(8 + parameters.length);
    startup.writeInt32BE(8 + parameters.length, 0);
    startup.writeInt32BE(196_608, 4);
    parameters.copy(startup, 8);

    for (const violation of [frame('z', Buffer.from('abc')), frame('S', Buffer.alloc(20_000))]) {
      const raw = net.connect(port, '127.0.0.1');
      let answer = '';
      raw.on('data', (data) => (answer += data.toString('latin1')));
      const closed = new Promise((resolve) => raw.on('close', resolve));
      await new Promise((resolve) => raw.on('connect', resolve));
      raw.write(startup);
      raw.write(frame('Q', Buffer.from("BEGIN; INSERT INTO marks VALUES ('uncommitted')\0")));
      await sleep(100);
      raw.write(violation);
      expect(await within(closed)).toBe('answered');
      expect(answer).toContain('C08P01');
      expect(reached.filter((type) => type !== 0x00 && type !== 0x51)).toEqual([]); // the startup and the query only
      expect((await pglite.query('SELECT count(*)::int AS n FROM marks')).rows).toEqual([{ n: 0 }]);
    }
    await expectBothAnswer();
  });
});
