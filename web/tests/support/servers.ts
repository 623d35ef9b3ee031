import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, run, start } from './processes';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The adapter-node output of this run's build (what `pnpm build` makes in web/build). */
		webBuildDir: string;
	}
}

const webDir = resolve(import.meta.dirname, '../..');
const apiDir = resolve(webDir, '../api');

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
	project.provide('webBuildDir', resolve(outDir, 'node'));
	return async () => {
		web.kill('SIGTERM');
		api.kill('SIGTERM');
		removeBuild();
	};
}
