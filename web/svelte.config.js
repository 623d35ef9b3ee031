import { join } from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The browser tests build into a folder of their own (SVELTEKIT_OUT_DIR), so a test run never overwrites
// another's build or the one `pnpm build` made.
const testBuild = process.env.SVELTEKIT_OUT_DIR;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(testBuild ? { out: join(testBuild, 'node') } : {}),
		outDir: testBuild ?? '.svelte-kit',
		// The API's domain rules that the web applies too (how a currency's amounts are written and read, the
		// business years); the modules it imports have no dependencies, so the browser can load them as they are.
		alias: { $domain: '../api/src/domain' },
		// Absolute asset paths (/favicon.svg): the app is one shell for every URL, so a path relative to the
		// URL it was first loaded at would point under that URL (e.g. /settings/favicon.svg).
		paths: { relative: false },
		// Every page carries this policy as a header, with a fresh nonce for SvelteKit's inline start-up
		// script: scripts only from this origin, no plugins, no framing, no other origin to call (the API and
		// its WebSocket are same-origin). Style attributes stay allowed: the app's markup sets custom
		// properties with them (`style="--field-width: …"`), and they cannot run script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
