import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/instance.js';

const apiDir = resolve(import.meta.dirname, '../..');
const SECRET = 'a-cursor-secret-of-at-least-32-characters';

/** Runs `src/main.ts` as `pnpm start:prod` does, to its end: its exit code and what it wrote. */
function startProduction(env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: apiDir,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: undefined, CURSOR_SECRET: undefined, PORT: undefined, DRAIN_SECONDS: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

describe('start-up refusals in production: one line saying why, and a non-zero exit', () => {
  const databaseUrl = inject('databaseUrl');
  let taken: Server;
  let takenPort: number;
  let closedPort: number;

  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((done) => taken.listen(0, done));
    takenPort = (taken.address() as { port: number }).port;
    closedPort = await freePort();
  });
  afterAll(() => new Promise<void>((done) => taken.close(() => done())));

  const missingDatabase = () => {
    const url = new URL(databaseUrl);
    url.pathname = '/dispatch_no_such_database';
    return url.href;
  };

  it.each([
    ['PostgreSQL without CURSOR_SECRET', () => ({ DATABASE_URL: databaseUrl }), 'CURSOR_SECRET must be set in production on PostgreSQL'],
    ['a CURSOR_SECRET too short', () => ({ DATABASE_URL: databaseUrl, CURSOR_SECRET: 'short' }), 'CURSOR_SECRET must be at least 32 characters'],
    ['a PORT that is not a number', () => ({ PORT: '80a' }), 'PORT must be a whole number from 1 to 65535, not "80a"'],
    ['PORT 0', () => ({ PORT: '0' }), 'PORT must be a whole number from 1 to 65535, not "0"'],
    ['a DRAIN_SECONDS with a fraction', () => ({ DRAIN_SECONDS: '1.5' }), 'DRAIN_SECONDS must be a whole number from 0 to 3600, not "1.5"'],
    ['a database nobody listens for', () => ({ DATABASE_URL: `postgresql://postgres:a-password@127.0.0.1:${closedPort}/dispatch`, CURSOR_SECRET: SECRET }), 'the database of DATABASE_URL: connect ECONNREFUSED'],
    ['a database that does not exist', () => ({ DATABASE_URL: missingDatabase(), CURSOR_SECRET: SECRET }), 'the database of DATABASE_URL: database "dispatch_no_such_database" does not exist'],
    ['a port another process holds', () => ({ DATABASE_URL: databaseUrl, CURSOR_SECRET: SECRET, PORT: String(takenPort), JOBS_IN_PROCESS: 'false' }), 'PORT <taken> is taken by another process'],
  ])('%s', async (_what, env, expected) => {
    const { code, stdout, stderr } = await startProduction(env());
    const reason = expected.replace('<taken>', String(takenPort));
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n').filter((line) => !line.startsWith('Warning: '));
    expect(lines).toEqual([expect.stringContaining(`Dispatch did not start: ${reason}`)]);
    // No stack trace, no source excerpt, and never the password of the URL.
    expect(`${stdout}${stderr}`).not.toMatch(/^\s+at /m);
    expect(`${stdout}${stderr}`).not.toContain('a-password');
    expect(stdout).not.toContain('Dispatch API on');
  }, 60_000);
});
