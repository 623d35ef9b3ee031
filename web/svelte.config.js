import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Absolute asset paths (/favicon.svg): the app is one shell for every URL, so a path relative to the
		// URL it was first loaded at would point under that URL (e.g. /settings/favicon.svg).
		paths: { relative: false }
	}
};

export default config;
