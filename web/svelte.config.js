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
		// Absolute asset paths (/favicon.svg): the app is one shell for every URL, so a path relative to the
		// URL it was first loaded at would point under that URL (e.g. /settings/favicon.svg).
		paths: { relative: false }
	}
};

export default config;
