import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { session } from '$lib/session.svelte';

let sockets: WsClient | null = null;
let socketToken: string | null = null;

/** One graphql-ws connection per signed-in token, re-made (and resubscribed) when it drops. */
function socketsFor(token: string | null): WsClient {
	if (sockets && socketToken === token) return sockets;
	void sockets?.dispose();
	socketToken = token;
	const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
	sockets = createWsClient({
		url: `${protocol}//${location.host}/graphql`,
		connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
		retryAttempts: Infinity,
		shouldRetry: () => true,
		retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 10_000)))
	});
	return sockets;
}

export const client = new Client({
	url: '/graphql',
	exchanges: [
		cacheExchange,
		fetchExchange,
		subscriptionExchange({
			forwardSubscription(request) {
				const input = { ...request, query: request.query || '' };
				return {
					subscribe(sink) {
						const unsubscribe = socketsFor(session.current?.token ?? null).subscribe(input, sink);
						return { unsubscribe };
					}
				};
			}
		})
	],
	fetchOptions: (): RequestInit => {
		const token = session.current?.token;
		return { headers: token ? { authorization: `Bearer ${token}` } : {} };
	},
	requestPolicy: 'cache-and-network'
});
