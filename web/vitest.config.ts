import { defineConfig } from 'vitest/config';

// Browser tests: a real API (embedded database, seeded) and the web app, driven in Chromium.
export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		globalSetup: ['tests/support/servers.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
