import { Client, fetchExchange, gql, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createSocket, type ClientOptions } from 'graphql-ws';

/** urql with Graphcache (objects normalized by id), HTTP for queries and mutations, graphql-ws for subscriptions. */
export function createUrqlClient(options: { url: string; apiKey: string; socket?: Partial<ClientOptions> }) {
  const authorization = `Bearer ${options.apiKey}`;
  const socket = createSocket({ url: options.url.replace(/^http/, 'ws'), connectionParams: { authorization }, ...options.socket });
  const client = new Client({
    url: options.url,
    fetchOptions: { headers: { authorization } },
    // The API answers errors as application/graphql-response+json with 4xx statuses; urql reads those bodies too.
    preferGetMethod: false,
    exchanges: [
      cacheExchange({
        // An event is known by its seq; a page, an edge and a snapshot are parts of what holds them.
        keys: {
          WorkOrderEvent: (event) => String(event.seq),
          WorkOrderEventConnection: () => null,
          WorkOrderEventEdge: () => null,
          WorkOrderSnapshot: () => null,
          PageInfo: () => null,
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return { client, socket };
}

export const EVENTS = gql`
  query Events($afterSeq: String, $after: String) {
    events(afterSeq: $afterSeq, after: $after, first: 100) {
      edges { node { seq type workOrderId after { status } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface LoggedEvent {
  seq: string;
  type: string;
  workOrderId: string;
  after: { status: string };
}

/**
 * Catching up without a socket: every event after `lastSeq`, page by page, in order. Returns the seq
 * to keep for next time (the last one handled), to pass here again or as a subscription's `after`.
 */
export async function catchUp(client: Client, lastSeq: string, handle: (event: LoggedEvent) => void): Promise<string> {
  let after: string | null = null;
  let last = lastSeq;
  for (;;) {
    const result = await client.query(EVENTS, { afterSeq: lastSeq, after }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) throw result.error;
    const { edges, pageInfo } = result.data.events as { edges: { node: LoggedEvent }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    for (const { node } of edges) {
      handle(node);
      last = node.seq;
    }
    if (!pageInfo.hasNextPage) return last;
    after = pageInfo.endCursor;
  }
}
