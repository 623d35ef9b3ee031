import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readCursor, signCursor } from '../../src/pagination/cursor.js';
import { cursorSecret } from '../../src/pagination/cursor-secret.js';

const key = Buffer.alloc(32, 7);
const binding = { audience: 'org A, dispatcher', connection: 'Query.workOrders{}' };

describe('connection cursors', () => {
  it('reads back the values of a cursor signed for the same binding', () => {
    const cursor = signCursor(key, binding, ['2027-01-04T15:00:00.000Z', 'a']);
    expect(readCursor(key, binding, cursor)).toEqual(['2027-01-04T15:00:00.000Z', 'a']);
  });

  it('reads nothing from a cursor of another audience, another list, another key, or with any character changed', () => {
    const cursor = signCursor(key, binding, ['Same Name', 'b']);
    expect(readCursor(key, { ...binding, audience: 'org B, dispatcher' }, cursor)).toBeNull();
    expect(readCursor(key, { ...binding, connection: 'Query.customers{}' }, cursor)).toBeNull();
    expect(readCursor(Buffer.alloc(32, 8), binding, cursor)).toBeNull();
    for (let index = 0; index < cursor.length; index += 1) {
      const changed = `${cursor.slice(0, index)}${cursor[index] === 'A' ? 'B' : 'A'}${cursor.slice(index + 1)}`;
      expect(readCursor(key, binding, changed), `changed at ${index}`).toBeNull();
    }
    for (const garbage of ['', '.', 'x.y', 'a'.repeat(5_000), Buffer.from('GPC:S:1234').toString('base64')]) {
      expect(readCursor(key, binding, garbage)).toBeNull();
    }
  });
});

describe('the cursor secret', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'cursor-secret-'));

  it('is CURSOR_SECRET when set, and refuses one shorter than 32 characters', () => {
    const file = join(folder(), 'cursor-secret');
    expect(cursorSecret({ CURSOR_SECRET: 'x'.repeat(32) }, file)).toBe('x'.repeat(32));
    expect(() => cursorSecret({ CURSOR_SECRET: 'short' }, file)).toThrow('CURSOR_SECRET must be at least 32 characters');
  });

  it('is made once and kept in the data folder without CURSOR_SECRET, readable by its owner only', () => {
    const file = join(folder(), 'data', 'cursor-secret');
    const first = cursorSecret({}, file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(cursorSecret({}, file)).toBe(first);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('refuses to start in production on PostgreSQL without CURSOR_SECRET, where instances would sign cursors each with their own', () => {
    const file = join(folder(), 'cursor-secret');
    expect(() => cursorSecret({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/dispatch' }, file)).toThrow('CURSOR_SECRET must be set in production on PostgreSQL');
    expect(() => readFileSync(file)).toThrow();
    expect(cursorSecret({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/dispatch', CURSOR_SECRET: 'y'.repeat(32) }, file)).toBe('y'.repeat(32));
  });

  it('warns in production on the embedded database that a kept secret is not shared with other machines', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    cursorSecret({ NODE_ENV: 'production' }, join(folder(), 'cursor-secret'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('CURSOR_SECRET is not set'));
    warn.mockRestore();
  });
});
