import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}

const webDir = resolve(import.meta.dirname, '../..');
const apiDir = resolve(webDir, '../api');

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const { port } = server.address() as { port: number };
	await new Promise((done) => server.close(done));
	return port;
}

/** Runs a command until `ready` appears in its output; fails with the output if it exits first. */
async function start(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, ready: string): Promise<ChildProcess> {
	const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	await new Promise<void>((done, fail) => {
		const timer = setTimeout(() => fail(new Error(`${command} ${args.join(' ')} did not start:\n${output}`)), 300_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes(ready)) {
				clearTimeout(timer);
				done();
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => fail(new Error(`${command} exited with ${code}:\n${output}`)));
	});
	return child;
}

/** Runs a command to its end; fails with its output unless it exits with 0. */
async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
	const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((done) => child.once('exit', done));
	if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
}

/**
 * The API on a fresh embedded database (migrated and seeded with the demo business), and the web app as
 * it ships: a production build (its service worker caches a real app shell, which the dev server cannot
 * give) served by `vite preview`. The build goes to a folder of this run's own, so runs can share the folder.
 */
export default async function setup(project: TestProject) {
	const [apiPort, webPort] = [await freePort(), await freePort()];
	const outDir = resolve(webDir, '.svelte-kit/test-builds', String(process.pid));
	const removeBuild = () => rmSync(outDir, { recursive: true, force: true });
	let api: ChildProcess, web: ChildProcess;
	try {
		[api] = await Promise.all([
			start(process.execPath, ['--import', 'tsx', 'src/main.ts'], apiDir, { PORT: String(apiPort), PGLITE_DATA_DIR: 'memory://', NODE_ENV: 'test', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' }, 'Dispatch API on'),
			run('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], webDir, { SVELTEKIT_OUT_DIR: outDir })
		]);
		web = await start(
			'pnpm',
			['exec', 'vite', 'preview', '--port', String(webPort), '--strictPort', '--host', '127.0.0.1'],
			webDir,
			{ API_URL: `http://127.0.0.1:${apiPort}`, SVELTEKIT_OUT_DIR: outDir },
			String(webPort)
		);
	} catch (error) {
		removeBuild();
		throw error;
	}
	project.provide('baseUrl', `http://127.0.0.1:${webPort}`);
	return async () => {
		web.kill('SIGTERM');
		api.kill('SIGTERM');
		removeBuild();
	};
}
