import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, run, start } from './processes';

const repoDir = resolve(import.meta.dirname, '../../..');
const apiDir = resolve(repoDir, 'api');
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type ServerName = 'api1' | 'api2';

export interface Instance {
	name: ServerName;
	/** The instance itself, not through the balancer. */
	url: string;
	process: ChildProcess;
	exited: Promise<number | null>;
}

/**
 * The product as docs/deploy.md runs it: a fresh PostgreSQL database of its own (migrated and seeded with
 * the demo business), two instances started with `pnpm start:prod` from a built web app, sharing Redis and a
 * CURSOR_SECRET, behind HAProxy with docs/deploy/haproxy.cfg as it is written.
 */
export class Deployment {
	private constructor(
		readonly url: string,
		readonly instances: Record<ServerName, Instance>,
		private readonly haproxy: ChildProcess,
		/** HAProxy's log: a line per request or socket, with who ended it. */
		readonly log: string[],
		private readonly folder: string,
		private readonly database: string
	) {}

	static async start(webBuildDir: string): Promise<Deployment> {
		const database = `dispatch_production_${process.pid}`;
		await psql(`DROP DATABASE IF EXISTS ${database}`);
		await psql(`CREATE DATABASE ${database}`);
		const databaseUrl = new URL(adminUrl);
		databaseUrl.pathname = `/${database}`;
		await run('pnpm', ['run', 'db:seed'], apiDir, { DATABASE_URL: databaseUrl.href });

		const env = {
			DATABASE_URL: databaseUrl.href,
			REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
			CURSOR_SECRET: randomBytes(32).toString('base64url'),
			WEB_BUILD_DIR: webBuildDir,
			TRUST_PROXY: 'loopback',
			DRAIN_SECONDS: '3'
		};
		const [api1, api2] = await Promise.all(
			(['api1', 'api2'] as const).map(async (name): Promise<Instance> => {
				const port = await freePort();
				const child = await start('pnpm', ['run', 'start:prod'], apiDir, { ...env, PORT: String(port) }, 'Dispatch API on');
				const exited = new Promise<number | null>((done) => (child.exitCode === null ? child.once('exit', done) : done(child.exitCode)));
				return { name, url: `http://127.0.0.1:${port}`, process: child, exited };
			})
		);

		const folder = mkdtempSync(join(tmpdir(), 'dispatch-haproxy-'));
		const port = await freePort();
		const haproxy = spawn('/usr/sbin/haproxy', ['-db', '-f', resolve(repoDir, 'docs/deploy/haproxy.cfg')], {
			env: {
				...process.env,
				DISPATCH_BIND: `127.0.0.1:${port}`,
				DISPATCH_API1: new URL(api1!.url).host,
				DISPATCH_API2: new URL(api2!.url).host,
				HAPROXY_ADMIN_SOCKET: join(folder, 'admin.sock'),
				HAPROXY_LOG: 'stdout'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const log: string[] = [];
		haproxy.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
		haproxy.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
		haproxy.once('exit', (code) => log.push(`HAProxy exited with ${code}`));
		const deployment = new Deployment(`http://127.0.0.1:${port}`, { api1: api1!, api2: api2! }, haproxy, log, folder, database);
		try {
			await deployment.waitFor((status) => status.api1 === 'UP' && status.api2 === 'UP');
		} catch (error) {
			await deployment.stop();
			throw new Error(`${(error as Error).message}\n${log.join('')}`);
		}
		return deployment;
	}

	/** Sends a command to HAProxy's runtime API (the admin socket) and returns its answer. */
	command(line: string): Promise<string> {
		return new Promise((done, fail) => {
			const socket = connect(join(this.folder, 'admin.sock'));
			let answer = '';
			socket.on('connect', () => socket.end(`${line}\n`));
			socket.on('data', (chunk) => (answer += chunk.toString()));
			socket.on('end', () => done(answer));
			socket.on('error', fail);
		});
	}

	/** What an operator does before a restart (drain: no new requests, open ones go on), or after (ready). */
	async setState(server: ServerName, state: 'ready' | 'drain' | 'maint'): Promise<void> {
		const answer = await this.command(`set server dispatch/${server} state ${state}`);
		if (answer.trim()) throw new Error(`HAProxy refused the state ${state} for ${server}: ${answer}`);
	}

	/** Each instance's status as HAProxy sees it (UP, DOWN, DRAIN, MAINT, …). */
	async status(): Promise<Record<string, string>> {
		const [header, ...rows] = (await this.command('show stat')).trim().split('\n');
		const columns = header!.replace(/^# /, '').split(',');
		const [proxy, server, status] = ['pxname', 'svname', 'status'].map((name) => columns.indexOf(name));
		return Object.fromEntries(
			rows.map((row) => row.split(',')).filter((cells) => cells[proxy!] === 'dispatch').map((cells) => [cells[server!], cells[status!]])
		);
	}

	/** Until HAProxy (its admin socket answering) sees the instances as `condition` wants. */
	async waitFor(condition: (status: Record<string, string>) => boolean): Promise<void> {
		let last: unknown;
		for (let tries = 0; tries < 600; tries++) {
			last = await this.status().catch((error: Error) => error.message);
			if (typeof last === 'object' && condition(last as Record<string, string>)) return;
			await new Promise((done) => setTimeout(done, 100));
		}
		throw new Error(`HAProxy never saw the instances as expected: ${JSON.stringify(last)}`);
	}

	async stop(): Promise<void> {
		this.haproxy.kill('SIGTERM');
		// pnpm hands SIGTERM on to the instance (SIGKILL would leave it running).
		for (const instance of Object.values(this.instances)) if (instance.process.exitCode === null) instance.process.kill('SIGTERM');
		await Promise.all(Object.values(this.instances).map((instance) => instance.exited));
		rmSync(this.folder, { recursive: true, force: true });
		await psql(`DROP DATABASE IF EXISTS ${this.database} WITH (FORCE)`);
	}
}

function psql(sql: string): Promise<void> {
	return run('psql', [adminUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], repoDir, {});
}
