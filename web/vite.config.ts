import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
	// API_URL may come from the shell or a .env file; '' = load unprefixed vars too.
	const env = loadEnv(mode, process.cwd(), '');
	const apiUrl = env.API_URL || 'http://127.0.0.1:4000';

	return {
		plugins: [sveltekit()],
		server: {
			proxy: {
				// Same-origin GraphQL: HTTP queries/mutations and graphql-ws subscriptions.
				'/graphql': {
					target: apiUrl,
					changeOrigin: true,
					ws: true
				}
			}
		}
	};
});
