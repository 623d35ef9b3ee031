import { createServer, type IncomingMessage, type Server } from 'node:http';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { createYoga, maskError, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Database } from './db/database.js';
import { isDatabaseUnavailable } from './db/availability.js';
import { useSharedSubscriptionExecution } from './events/shared-execution.js';
import { DomainError } from './domain/errors.js';
import { armorPlugins } from './limits/armor.js';
import { createBuckets, type Buckets } from './limits/buckets.js';
import { useQueryCost } from './limits/plugin.js';
import { useRejectNulCharacters } from './limits/nul-characters.js';
import { Credentials } from './auth/credentials.js';
import { contextFromToken, tokenFromConnectionParams, tokenFromRequest } from './auth/context.js';
import { clientOf, trustProxyFrom } from './auth/client-address.js';
import { EventFeed } from './events/feed.js';
import { ACCESS_REVOKED_CHANNEL } from './events/listen.js';
import type { Context } from './schema/context.js';
import { schema } from './schema/index.js';
import { attachWebSockets } from './ws.js';

export interface App {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
  feed: EventFeed;
  socketCount(): number;
  /** Stops accepting, lets in-flight requests finish, closes sockets with 1001, stops listening. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** Throttle buckets; by default from REDIS_URL or in memory. */
  buckets?: Buckets;
  /** Which proxies may say who the client is (the TRUST_PROXY setting); by default from the environment. */
  trustProxy?: string;
}

export async function startApp(db: Database, options: AppOptions = {}): Promise<App> {
  const feed = new EventFeed(db.prisma, db.listen);
  await feed.start();
  const buckets = options.buckets ?? createBuckets();
  const services = { prisma: db.prisma, feed, buckets, credentials: new Credentials(db.prisma) };
  const trustProxy = trustProxyFrom(options.trustProxy ?? process.env.TRUST_PROXY);

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: process.env.NODE_ENV !== 'production',
    // `req` is Node's request: over HTTP from node:http, over a WebSocket the upgrade request (ws.ts).
    context: ({ request, connectionParams, req }) =>
      contextFromToken(
        services,
        connectionParams ? tokenFromConnectionParams(connectionParams) : tokenFromRequest(request),
        clientOf(req as IncomingMessage | undefined, request, trustProxy),
      ),
    logging: process.env.NODE_ENV === 'test' ? 'error' : 'info',
    healthCheckEndpoint: '/healthz',
    maskedErrors: { maskError: maskUnexpected },
    plugins: [
      ...armorPlugins(),
      // JSON requests are preflighted by browsers; anything else must carry a header a form cannot set.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }),
      useRejectNulCharacters(),
      useQueryCost(buckets.cost),
      useSharedSubscriptionExecution(),
      // Compiled execution pays off on reads, where a board resolves thousands of fields; mutations and
      // subscriptions (shared per event above) keep the standard executor. Only documents of one operation:
      // the plugin keeps one compiled query per document, whatever operationName asks for.
      useGraphQlJit({}, { enableIf: (args) => isSingleQuery(args.document) }),
      useReadinessCheck({ endpoint: '/readyz', check: () => isReady(db) }),
    ],
  });
  const server = createServer(yoga);
  const sockets = attachWebSockets(server, yoga, services);
  const stopRevocations = await db.listen(ACCESS_REVOKED_CHANNEL, (key) => {
    services.credentials.forget(key);
    sockets.closeCredential(key);
  });

  return {
    yoga,
    server,
    feed,
    socketCount: sockets.socketCount,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await sockets.close();
      await closed;
      await stopRevocations();
      await feed.stop();
      await buckets.close();
    },
  };
}

/**
 * An unexpected error is masked. An expected one (a domain error outside an error union) keeps its
 * message and code; the database being away becomes a retryable error.
 */
function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  const expected = error instanceof GraphQLError && error.originalError instanceof DomainError ? error.originalError : null;
  if (expected) return new GraphQLError(expected.message, { extensions: { code: expected.code } });
  if (isDatabaseUnavailable(error)) {
    return new GraphQLError('The database is unavailable for a moment; retry the request', {
      extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true, http: { status: 503 } },
    });
  }
  return maskError(error, message, isDev);
}

function isSingleQuery(document: DocumentNode): boolean {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return operations.length === 1 && operations[0]!.operation === 'query';
}

async function isReady(db: Database): Promise<boolean> {
  try {
    await db.prisma.$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}
