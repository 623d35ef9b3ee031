import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import svelteConfig from './svelte.config.js';

const fromHere = (path: string) => resolve(import.meta.dirname, path);

// Browser tests: a real API (embedded database, seeded) and the web app, driven in Chromium. The unit tests
// import the app's modules as they are, so SvelteKit's aliases ($lib, and the config's $domain) resolve here too.
export default defineConfig({
	resolve: {
		alias: {
			$lib: fromHere('src/lib'),
			...Object.fromEntries(Object.entries(svelteConfig.kit?.alias ?? {}).map(([name, path]) => [name, fromHere(path)]))
		}
	},
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['tests/support/servers.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
