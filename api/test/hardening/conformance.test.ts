import { serverAudits } from 'graphql-http';
import WebSocket from 'ws';
import { beforeAll, describe, expect, it } from 'vitest';
import { worldForFile } from '../support/world-for-file.js';
import { listen } from '../support/ws-client.js';

describe('protocol conformance', () => {
  const { world } = worldForFile();
  let wsUrl: string;

  beforeAll(async () => {
    wsUrl = await listen(world.api.app);
  });

  describe('GraphQL over HTTP (graphql-http audits, signed in)', () => {
    const audits = () =>
      serverAudits({
        url: 'http://test/graphql',
        fetchFn: (input: RequestInfo, init: RequestInit = {}) => {
          const headers = new Headers(init.headers);
          headers.set('authorization', `Bearer ${world.tokens.dispatcher}`);
          return world.api.app.yoga.fetch(input as string, { ...init, headers });
        },
      });

    it('passes every MUST audit', async () => {
      const failures = [];
      for (const audit of audits().filter((a) => a.name.startsWith('MUST'))) {
        const result = await audit.fn();
        if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
      }
      expect(failures).toEqual([]);
    });

    it('reports how it does on the SHOULD audits', async () => {
      const should = audits().filter((a) => a.name.startsWith('SHOULD'));
      const outcomes = await Promise.all(should.map(async (audit) => `${(await audit.fn()).status.padEnd(6)} ${audit.name}`));
      console.log(`graphql-http SHOULD audits:\n${outcomes.join('\n')}`);
      expect(outcomes.length).toBeGreaterThan(10);
    });
  });

  describe('graphql-ws close codes over a real socket', () => {
    /** Opens a raw graphql-transport-ws socket, sends `messages` (objects are JSON-encoded), resolves with the close code. */
    async function closeCodeAfter(messages: (object | string)[], waitBeforeSending = 0): Promise<number> {
      const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('open', resolve));
      await new Promise((resolve) => setTimeout(resolve, waitBeforeSending));
      for (const message of messages) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(typeof message === 'string' ? message : JSON.stringify(message));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return closed;
    }
    const init = () => ({ type: 'connection_init', payload: { authorization: `Bearer ${world.tokens.dispatcher}` } });
    const subscribe = (id: string) => ({ id, type: 'subscribe', payload: { query: 'subscription { myAssignments { seq } }' } });

    it('4400 for a message that is not the protocol', async () => {
      expect(await closeCodeAfter([init(), '{"type":"no-such-message"}'])).toBe(4400);
    });

    it('4401 for a subscribe before the connection is acknowledged', async () => {
      expect(await closeCodeAfter([subscribe('1')])).toBe(4401);
    });

    it('4403 for a bad token', async () => {
      expect(await closeCodeAfter([{ type: 'connection_init', payload: { authorization: 'Bearer nope' } }])).toBe(4403);
    });

    it('4408 when the connection is never initialised', async () => {
      expect(await closeCodeAfter([], 0)).toBe(4408);
    }, 15_000);

    it('4409 for a second subscriber with the same id', async () => {
      const technician = { type: 'connection_init', payload: { authorization: `Bearer ${world.tokens.technician}` } };
      expect(await closeCodeAfter([technician, subscribe('same'), subscribe('same')])).toBe(4409);
    });

    it('4429 for a second connection_init', async () => {
      expect(await closeCodeAfter([init(), init()])).toBe(4429);
    });
  });
});
