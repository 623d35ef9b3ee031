import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { createClient, type ClientOptions } from 'graphql-ws';
import possibleTypes from '../../../possible-types.json' with { type: 'json' };

/**
 * Queries and mutations over HTTP, subscriptions over graphql-ws on the same /graphql address, the key
 * on both. `possibleTypes` lets the cache match fragments on interfaces and unions (`... on Error`).
 */
export function createApolloClient(options: { url: string; apiKey: string; socket?: Partial<ClientOptions> }) {
  const authorization = `Bearer ${options.apiKey}`;
  const http = new HttpLink({ uri: options.url, headers: { authorization } });
  const socket = createClient({ url: options.url.replace(/^http/, 'ws'), connectionParams: { authorization }, ...options.socket });
  const link = ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(socket),
    http,
  );
  const cache = new InMemoryCache({
    possibleTypes,
    // Pages of one list (with the same filter) are merged into one list as you fetch more.
    typePolicies: { Query: { fields: { workOrders: relayStylePagination(['filter']) } } },
  });
  return { client: new ApolloClient({ link, cache }), socket };
}

export const WORK_ORDERS = gql`
  query WorkOrders($first: Int!, $after: String) {
    workOrders(first: $first, after: $after) {
      edges { cursor node { id label status windowStart } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const TRANSITION = gql`
  mutation Transition($input: TransitionWorkOrderInput!) {
    transitionWorkOrder(input: $input) {
      __typename
      ... on MutationTransitionWorkOrderSuccess { workOrder { id status version } }
      ... on Error { message }
      ... on InvalidTransitionError { currentStatus requestedStatus }
    }
  }
`;

/** The code of a request-level error (THROTTLED, BAD_USER_INPUT, FORBIDDEN, …), or null. */
export function errorCode(error: unknown): string | null {
  return CombinedGraphQLErrors.is(error) ? String(error.errors[0]?.extensions?.code ?? '') || null : null;
}

export const WORK_ORDERS_CHANGED = gql`
  subscription WorkOrdersChanged($after: String) {
    workOrdersChanged(after: $after) { seq event { type after { status } } workOrder { id status version } }
  }
`;

export interface Change {
  seq: string;
  event: { type: string; after: { status: string } };
  workOrder: { id: string; status: string; version: number } | null;
}

/**
 * Every change the caller may see, from the one after `lastSeq`, each once. When the socket drops,
 * graphql-ws reconnects and subscribes again with the variables it started with, so the server replays
 * from the first `after` again: changes at or below the last seq handled are dropped here.
 */
export function followChanges(client: ApolloClient, lastSeq: string, handle: (change: Change) => void) {
  let last = BigInt(lastSeq);
  return client.subscribe<{ workOrdersChanged: Change }>({ query: WORK_ORDERS_CHANGED, variables: { after: lastSeq } }).subscribe({
    next: ({ data }) => {
      const change = data?.workOrdersChanged;
      if (!change || BigInt(change.seq) <= last) return;
      last = BigInt(change.seq);
      handle(change);
    },
  });
}
