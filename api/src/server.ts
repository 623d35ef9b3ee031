import { createServer, type IncomingMessage, type Server } from 'node:http';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { createLogger, createYoga, maskError, useReadinessCheck, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Database } from './db/database.js';
import { isDatabaseUnavailable } from './db/availability.js';
import { useSharedSubscriptionExecution } from './events/shared-execution.js';
import { DomainError } from './domain/errors.js';
import { armorPlugins } from './limits/armor.js';
import { allowedOrigins, corsFor } from './limits/cors.js';
import { useIntrospectionForSignedIn } from './limits/introspection.js';
import { useNoSuggestions } from './limits/no-suggestions.js';
import { MAX_BODY_BYTES } from './limits/policy.js';
import { createBuckets, type Buckets } from './limits/buckets.js';
import { useQueryCost } from './limits/plugin.js';
import { useRejectNulCharacters } from './limits/nul-characters.js';
import { Credentials } from './auth/credentials.js';
import { ACCESS_REVOKED_CHANNEL } from './auth/revocation.js';
import { LiveStreams, useEndStreamsWithCredential } from './auth/live-streams.js';
import { tokenFromConnectionParams, tokenFromRequest } from './auth/tokens.js';
import { clientOf, trustProxyFrom } from './auth/client-address.js';
import { EventFeed } from './events/feed.js';
import { contextFromToken, type Context } from './context.js';
import { schema } from './schema/index.js';
import { attachWebSockets } from './ws.js';
import { quietExpectedErrors } from './error-log.js';

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
  /** Where the server writes its log; by default the console (errors only under test). */
  logger?: YogaLogger;
}

export async function startApp(db: Database, options: AppOptions = {}): Promise<App> {
  const feed = new EventFeed(db.prisma, db.listen);
  await feed.start();
  const buckets = options.buckets ?? createBuckets();
  const credentials = new Credentials(db.prisma);
  const liveStreams = new LiveStreams((key) => credentials.isRevoked(key));
  const services = { prisma: db.prisma, feed, buckets, credentials, liveStreams };
  const trustProxy = trustProxyFrom(options.trustProxy ?? process.env.TRUST_PROXY);
  const production = process.env.NODE_ENV === 'production';

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: !production,
    cors: corsFor(allowedOrigins()),
    maxRequestBodySize: MAX_BODY_BYTES,
    // `req` is Node's request: over HTTP from node:http, over a WebSocket the upgrade request (ws.ts).
    context: ({ request, connectionParams, req }) =>
      contextFromToken(
        services,
        connectionParams ? tokenFromConnectionParams(connectionParams) : tokenFromRequest(request),
        clientOf(req as IncomingMessage | undefined, request, trustProxy),
      ),
    logging: quietExpectedErrors(options.logger ?? createLogger(process.env.NODE_ENV === 'test' ? 'error' : 'info')),
    healthCheckEndpoint: '/healthz',
    maskedErrors: { maskError: maskUnexpected },
    plugins: [
      ...armorPlugins(),
      useNoSuggestions(),
      // JSON requests are preflighted by browsers; anything else must carry a header a form cannot set.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }),
      useRejectNulCharacters(),
      useIntrospectionForSignedIn(production),
      useQueryCost(buckets.cost),
      useEndStreamsWithCredential(liveStreams),
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
    liveStreams.end(key);
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
 * message and code; the database being away becomes a retryable error. Every error leaves with a code:
 * what graphql-js and Pothos raise about the operation (a variable's value, a cursor, `first`) is
 * BAD_USER_INPUT, and a 400 when it is about the operation as a whole (no path: nothing ran).
 */
function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  // A stream that fails mid-way (SUBSCRIBER_TOO_SLOW) throws the domain error itself, not wrapped by a field.
  const original = error instanceof GraphQLError ? error.originalError : error;
  const expected = original instanceof DomainError ? original : null;
  if (expected) return new GraphQLError(expected.message, { extensions: { code: expected.code } });
  if (isDatabaseUnavailable(error)) {
    return new GraphQLError('The database is unavailable for a moment; retry the request', {
      extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true, http: { status: 503 } },
    });
  }
  return withCode(maskError(error, message, isDev));
}

/** Adds the code in place: a new error object would be logged by Yoga as a masked one. */
function withCode(error: Error): Error {
  if (!(error instanceof GraphQLError) || error.extensions.code) return error;
  const extensions = error.extensions as Record<string, unknown>;
  // Yoga's own refusals of the HTTP request (a missing CSRF header) already carry their status.
  if (extensions.http) extensions.code = 'BAD_REQUEST';
  else Object.assign(extensions, { code: 'BAD_USER_INPUT' }, error.path ? {} : { http: { status: 400, spec: true } });
  return error;
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
