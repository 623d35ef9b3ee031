import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { session } from '$lib/session.svelte';
import { checkSignedIn } from '$lib/signed-out';

const FORBIDDEN_CLOSE = 4403;

let sockets: WsClient | null = null;
let socketToken: string | null = null;

/** One graphql-ws connection per signed-in token, re-made (and resubscribed) when it drops. */
function socketsFor(token: string | null): WsClient {
	if (sockets && socketToken === token) return sockets;
	// A connection refused with the old token may be waiting to retry: its dispose() then rejects with why
	// it gave up ("All Subscriptions Gone"), and there is nothing left to close.
	void Promise.resolve(sockets?.dispose()).catch(() => {});
	socketToken = token;
	const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
	sockets = createWsClient({
		url: `${protocol}//${location.host}/graphql`,
		connectionParams: () => (token ? { authorization: `Bearer ${token}` } : {}),
		// A ping every 20 s: proxies cut a socket that stays quiet (nginx after 60 s by default), and a
		// board on a calm day may hear nothing for longer than that.
		keepAlive: 20_000,
		retryAttempts: Infinity,
		shouldRetry: () => true,
		on: {
			closed: (event) => {
				if (token && (event as CloseEvent).code === FORBIDDEN_CLOSE) void checkSignedIn(token);
			}
		},
		retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 10_000)))
	});
	return sockets;
}

export const client = new Client({
	url: '/graphql',
	exchanges: [
		// Every refusal passes here, so every page ends an invalid session the same way.
		mapExchange({
			onResult(result) {
				const token = session.current?.token;
				if (token && result.error?.graphQLErrors.some((error) => error.extensions?.code === 'FORBIDDEN')) void checkSignedIn(token);
			}
		}),
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
