import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { YogaLogger } from 'graphql-yoga';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { TestApi } from '../support/api.js';
import { worldForFile } from '../support/world-for-file.js';
import { gid } from '../support/world.js';

/** A logger that keeps what the server writes, by level. */
function recordingLogger() {
  const written: { level: keyof YogaLogger; args: unknown[] }[] = [];
  const at = (level: keyof YogaLogger) => (...args: unknown[]) => void written.push({ level, args });
  const logger: YogaLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, written, errors: () => written.filter((entry) => entry.level === 'error') };
}

describe('the error log', () => {
  const { db, world } = worldForFile();
  const log = recordingLogger();
  let api: TestApi;

  beforeAll(async () => {
    api = await TestApi.start(db, { logger: log.logger });
  });
  afterAll(async () => {
    await api.close();
  });

  it('gets nothing from refused requests: forbidden, a bad cursor, bad arguments, an invalid document', async () => {
    const refusals = [
      await api.request(`{ technicians { id } }`),
      await api.request(`{ technicians { id } }`, {}, 'junk-token'),
      await api.request(`query ($after: String) { workOrders(first: 2, after: $after) { edges { cursor } } }`, { after: 'not-a-cursor' }, world.tokens.dispatcher),
      await api.request(`{ workOrders(first: -1) { edges { cursor } } }`, {}, world.tokens.dispatcher),
      await api.request(`{ noSuchField }`, {}, world.tokens.dispatcher),
    ];
    expect(refusals.map((result) => result.errors?.[0]?.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);
    expect(log.errors()).toEqual([]);
  });

  it('gets nothing, not even on the console, from date and time literals written in the query, signed in or not', async () => {
    const console_ = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
    const written = log.written.length;
    try {
      const slots = `{ availableSlots(serviceTypeId: "${gid('ServiceType', world.serviceType.id)}", date: "2027-06-01", near: "2027-06-01T15:00:00Z") { windowStart } }`;
      const schedule = `{ schedule(date: "2027-06-01") { date } }`;
      const color = `mutation { createTechnician(input: { name: "Lit Eral", color: "#123456" }) { __typename } }`;
      for (const token of [undefined, 'junk-token', world.tokens.dispatcher]) {
        for (const query of [slots, schedule, color]) await api.request(query, {}, token);
      }
      expect((await api.request(slots, {}, world.tokens.dispatcher)).errors).toBeUndefined();
      for (const spy of console_) expect(spy.mock.calls, 'console').toEqual([]);
      expect(log.written.slice(written).filter((entry) => entry.level !== 'debug')).toEqual([]);
    } finally {
      for (const spy of console_) spy.mockRestore();
    }
  });

  it('still gets an unexpected error, with its stack', async () => {
    const failing = db.prisma.$extends({
      query: {
        technician: {
          findMany: () => {
            throw new Error('the disk is on fire');
          },
        },
      },
    }) as unknown as PrismaClient;
    const broken = await TestApi.start({ ...db, prisma: failing }, { logger: log.logger });
    try {
      const result = await broken.request(`{ technicians { id } }`, {}, world.tokens.dispatcher);
      expect(result.errors?.[0]?.message).toBe('Unexpected error.');
      const logged = log.errors().flatMap((entry) => entry.args);
      expect(logged).toContainEqual(expect.objectContaining({ stack: expect.stringContaining('the disk is on fire') }));
    } finally {
      await broken.close();
    }
  });
});
