import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const apiDir = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface Instance {
  process: ChildProcess;
  exited: Promise<number | null>;
  url: string;
}

export interface ProcessOptions {
  /** More environment variables (JOBS_POLL_INTERVAL_MS, JOBS_IN_PROCESS, ...). */
  env?: Record<string, string>;
  /** Modules the process imports before its entry (a test's own tasks). */
  imports?: string[];
}

/** Starts an entry of `src` as a process of its own on `databaseUrl`; resolves once it prints `ready`. */
async function startProcess(entry: string, ready: string, databaseUrl: string, env: Record<string, string>, options: ProcessOptions) {
  const imports = ['tsx', ...(options.imports ?? [])].flatMap((module) => ['--import', module]);
  const child = spawn(process.execPath, [...imports, entry], {
    cwd: apiDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let output = '';
  await new Promise<void>((started, fail) => {
    const timer = setTimeout(() => fail(new Error(`${entry} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        started();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => fail(new Error(`${entry} exited:\n${output}`)));
  });
  return { process: child, exited };
}

/** Starts `src/main.ts` as a process of its own on `databaseUrl`; resolves once it listens. */
export async function startInstance(databaseUrl: string, port: number, options: ProcessOptions = {}): Promise<Instance> {
  const started = await startProcess('src/main.ts', 'Dispatch API on', databaseUrl, { PORT: String(port) }, options);
  return { ...started, url: `http://127.0.0.1:${port}` };
}

/** Starts `src/worker.ts` (`pnpm worker`) on `databaseUrl`; resolves once its worker runs. */
export function startWorkerProcess(databaseUrl: string, options: ProcessOptions = {}): Promise<Omit<Instance, 'url'>> {
  return startProcess('src/worker.ts', 'Dispatch worker running', databaseUrl, {}, options);
}
