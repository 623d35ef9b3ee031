import { createServer, type IncomingMessage, type Server } from 'node:http';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { createLogger, createYoga, maskError, useReadinessCheck, type YogaLogger, type YogaServerInstance } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { Database } from './db/database.js';
import { isDatabaseUnavailable } from './db/reachability.js';
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
import { EVENT_STREAM_PATH, useGraphQLOverSSE } from './sse.js';
import { quietExpectedErrors } from './error-log.js';
import { InFlightRequests } from './http/in-flight.js';
import type { WebApp } from './http/web-app.js';
import { warnOfUntrustedProxy } from './http/untrusted-proxy.js';
import { useStrictTransportSecurity } from './http/transport-security.js';
import { webhookSettingsFromEnv, type WebhookSettings } from './webhooks/settings.js';

export interface App {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
  feed: EventFeed;
  socketCount(): number;
  /**
   * Answers /readyz with 503 at once and goes on serving for `drainMs`, each connection closing after its
   * next answer (so that a load balancer takes the instance out first); then stops accepting, closes
   * sockets with 1001, ends SSE streams, and lets in-flight requests finish, closing their connections.
   */
  close(drainMs?: number): Promise<void>;
}

export interface AppOptions {
  /** Throttle buckets; by default from REDIS_URL or in memory. */
  buckets?: Buckets;
  /** Which proxies may say who the client is (the TRUST_PROXY setting); by default from the environment. */
  trustProxy?: string;
  /** Where the server writes its log; by default the console (errors only under test). */
  logger?: YogaLogger;
  /** How long a reserved SSE stream waits to be connected (sse.ts RESERVATION_TTL_MS by default). */
  streamReservationTtlMs?: number;
  /** Serves every path that is not the API's (the built web app); without it they are 404. */
  webApp?: WebApp;
  /** The webhook settings, whose address rule endpoints are made under; by default from the environment. */
  webhookSettings?: WebhookSettings;
}

/** The paths the API answers; with a web app, every other path is the web app's. */
const API_PATHS = new Set(['/graphql', EVENT_STREAM_PATH, '/healthz', '/readyz']);

export async function startApp(db: Database, options: AppOptions = {}): Promise<App> {
  const feed = new EventFeed(db.prisma, db.listen);
  await feed.start();
  const buckets = options.buckets ?? createBuckets();
  const credentials = new Credentials(db.prisma);
  const liveStreams = new LiveStreams((key) => credentials.isRevoked(key));
  const services = { prisma: db.prisma, feed, buckets, credentials, liveStreams, webhookSettings: options.webhookSettings ?? webhookSettingsFromEnv() };
  const trustProxySetting = options.trustProxy ?? process.env.TRUST_PROXY;
  const trustProxy = trustProxyFrom(trustProxySetting);
  const production = process.env.NODE_ENV === 'production';
  let closing = false;

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
      // First, so that it sees the refusals that the plugins after it make when they stop an operation.
      useGraphQLOverSSE(services, { reservationTtlMs: options.streamReservationTtlMs }),
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
      useReadinessCheck({ endpoint: '/readyz', check: () => !closing && isReady(db) }),
    ],
  });
  const server = createServer();
  const inFlight = new InFlightRequests(server);
  const webApp = options.webApp;
  const noticeProxy = production ? warnOfUntrustedProxy(trustProxySetting) : () => {};
  const strictTransport = useStrictTransportSecurity(trustProxy);
  server.on(
    'request',
    inFlight.track((req, res) => {
      noticeProxy(req);
      strictTransport(req, res);
      if (webApp && !API_PATHS.has(pathOf(req.url))) webApp(req, res);
      else void yoga(req, res);
    }),
  );
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
    async close(drainMs = 0) {
      closing = true;
      inFlight.closeConnectionsAfterResponses();
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      const closed = inFlight.close();
      liveStreams.endAll();
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
  if (isDatabaseUnavailable(error)) {
    return new GraphQLError('The database is unavailable for a moment; retry the request', {
      extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true, http: { status: 503 } },
    });
  }
  const expected = original instanceof DomainError ? original : null;
  if (expected) {
    // Where it happened stays: a field's error names its path (an item of nodes(ids:) its index).
    const located = error instanceof GraphQLError ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path } : {};
    return new GraphQLError(expected.message, { ...located, extensions: { code: expected.code } });
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

function pathOf(url: string | undefined): string {
  const query = url?.indexOf('?') ?? -1;
  return query === -1 ? (url ?? '/') : url!.slice(0, query);
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
