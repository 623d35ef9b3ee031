/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

// Keeps the app shell on the device so that a technician's phone opens the app without signal: the built
// scripts and styles, the static files, and the one HTML page every URL of the app is (it renders in the
// browser, ssr = false). GraphQL is never cached here: the day's jobs are kept by the page itself.
const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `dispatch-shell-${version}`;
const SHELL = '/';
const ASSETS = new Set([...build, ...files]);

worker.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...ASSETS, SHELL]))
			.then(() => worker.skipWaiting())
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await worker.clients.claim();
		})()
	);
});

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
	if (ASSETS.has(url.pathname)) {
		// Built files are named by their content: the kept copy is the right one.
		event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(request)));
	} else if (request.mode === 'navigate') {
		// Pages from the network while there is one, so a new version shows at once; the kept shell without.
		event.respondWith(fetch(request).catch(async () => (await caches.match(SHELL)) ?? Response.error()));
	}
});
