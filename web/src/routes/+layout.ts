import { pageDataOrNull } from '$lib/load';
import { session } from '$lib/session.svelte';
import type { LayoutLoad } from './$types';
import { WebhookNoticesQuery } from './layout.gql';

// The app runs in the browser: the session token lives there, and the board is live over a socket.
export const ssr = false;
export const prerender = false;

/** Endpoints the product disabled: their admins are told on every page they open until one is enabled again. */
export const load: LayoutLoad = async ({ url }) => {
	// Reading the path makes SvelteKit run this again on every navigation, so the notice is as fresh as the page.
	if (url.pathname === '/login' || !session.current?.permissions.includes('READ_WEBHOOK_ENDPOINT')) return { disabledEndpoints: [] };
	const notices = await pageDataOrNull(WebhookNoticesQuery, {});
	return { disabledEndpoints: notices?.webhookEndpoints.filter((endpoint) => endpoint.disabledReason) ?? [] };
};
