import { randomUUID } from 'node:crypto';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import { TOKEN_HEADER_KEY } from 'graphql-sse';
import { useGraphQLSSE } from '@graphql-yoga/plugin-graphql-sse';
import { isAsyncIterable, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Credential } from './auth/credentials.js';
import { bearerToken } from './auth/tokens.js';
import { parseFailure, unidentifiedOperation } from './limits/operation-errors.js';
import { MAX_BODY_BYTES } from './limits/policy.js';
import type { Context, Services } from './context.js';

export const EVENT_STREAM_PATH = '/graphql/stream';
/** A client connects right after it reserves a stream; a reservation nobody connects to is dropped after this. */
export const RESERVATION_TTL_MS = 30_000;
/** Streams (reserved or connected) one credential may hold at once; a browser tab holds one. */
export const MAX_STREAMS_PER_CREDENTIAL = 10;

type Yoga = YogaServerInstance<Record<string, unknown>, Context>;
type OnRequest = NonNullable<Plugin['onRequest']>;
type RequestPayload = Parameters<OnRequest>[0];

interface Reservation {
  credentialKey: string;
  connected: boolean;
  expiry: NodeJS.Timeout;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
const refusal = (status: number, message: string, code: string, headers?: Record<string, string>) =>
  json(status, { errors: [{ message, extensions: { code } }] }, headers);
const STREAM_NOT_FOUND = () => refusal(404, 'Stream not found', 'NOT_FOUND');

/** The code of each refusal the plugin makes itself (with a bare message, or no body at all). */
const CODE_OF_STATUS: Record<number, string> = { 404: 'NOT_FOUND', 409: 'CONFLICT', 429: 'THROTTLED' };
/** What a refusal the plugin makes without a body says. */
const MESSAGE_OF_STATUS: Record<number, string> = {
  404: 'Stream not found: reserve one with PUT, open it with Accept: text/event-stream, or POST an operation with Accept: text/event-stream',
  405: 'Method not allowed on /graphql/stream',
};

/**
 * GraphQL over SSE at /graphql/stream through Yoga's graphql-sse plugin, in both of its modes:
 * distinct connections (one POST with `Accept: text/event-stream` per operation) and the single
 * connection (PUT reserves a stream, GET or POST with `Accept: text/event-stream` opens it, operations
 * are POSTed with its token and arrive on it). Operations execute through Yoga's envelop, so the
 * limits, the cost and its throttle and the ending of a revoked credential's subscriptions apply as on
 * /graphql. Around the plugin:
 * - every request carries `Authorization: Bearer …` (a token in the URL is never read), and a stream
 *   belongs to the credential that reserved it: another credential's requests with its token are answered
 *   as for a token that does not exist;
 * - a body is limited to MAX_BODY_BYTES, and an operation that does not parse or validate is a 400 with
 *   its errors (the plugin would report "Unable to detect operation AST");
 * - a credential holds at most MAX_STREAMS_PER_CREDENTIAL streams, and a reservation is dropped when it
 *   is not connected within RESERVATION_TTL_MS, so reservations cannot pile up;
 * - an open stream ends when its credential is revoked or expires, after each of its subscriptions has
 *   sent its last FORBIDDEN error;
 * - an operation refused when it starts (its cost, the throttle, a subscription the caller may not make)
 *   reaches its stream as one message: the plugin takes a result without `data` for something else.
 */
export function useGraphQLOverSSE(
  services: Pick<Services, 'credentials' | 'liveStreams'>,
  { reservationTtlMs = RESERVATION_TTL_MS }: { reservationTtlMs?: number } = {},
): Plugin<Context> {
  const reservations = new Map<string, Reservation>();
  const tokensOf = new Map<string, Set<string>>();
  /** The stream token each request handed to the plugin stands for, once checked. */
  const streamTokenOf = new WeakMap<Request, string>();
  const sse = useGraphQLSSE({ endpoint: EVENT_STREAM_PATH, authenticate: (req) => streamTokenOf.get(req.raw) });
  let yoga: Yoga;

  const forget = (token: string) => {
    const reservation = reservations.get(token);
    if (!reservation) return;
    clearTimeout(reservation.expiry);
    reservations.delete(token);
    const tokens = tokensOf.get(reservation.credentialKey);
    tokens?.delete(token);
    if (tokens?.size === 0) tokensOf.delete(reservation.credentialKey);
  };

  /** Hands a request to the plugin and returns its response. */
  async function pass(payload: RequestPayload, request: Request): Promise<Response> {
    let response: Response | undefined;
    await sse.onRequest!({ ...payload, request, endResponse: (given: Response) => (response = given) });
    return response ?? STREAM_NOT_FOUND();
  }

  /** Connects to a reservation with an already aborted request, which makes the plugin dispose of it. */
  async function drop(payload: RequestPayload, token: string) {
    forget(token);
    const request = new yoga.fetchAPI.Request(payload.request.url, {
      headers: { accept: 'text/event-stream', [TOKEN_HEADER_KEY]: token },
      signal: AbortSignal.abort(),
    });
    streamTokenOf.set(request, token);
    await pass(payload, request);
  }

  function reserve(payload: RequestPayload, credential: Credential): string | Response {
    const tokens = tokensOf.get(credential.key) ?? new Set<string>();
    if (tokens.size >= MAX_STREAMS_PER_CREDENTIAL) {
      return refusal(429, `At most ${MAX_STREAMS_PER_CREDENTIAL} event streams at once: close one first`, 'THROTTLED', { 'retry-after': '1' });
    }
    const token = randomUUID();
    const expiry = setTimeout(() => {
      if (reservations.get(token)?.connected === false) void drop(payload, token);
    }, reservationTtlMs).unref();
    reservations.set(token, { credentialKey: credential.key, connected: false, expiry });
    tokensOf.set(credential.key, tokens.add(token));
    return token;
  }

  /** The operation in the request, parsed and validated as Yoga would; a 400 with its errors when it fails. */
  function checkOperation(payload: RequestPayload, request: Request, body: string | null): Response | null {
    const params = operationParams(request, body);
    if (!params) return null;
    const enveloped = yoga.getEnveloped({ ...payload.serverContext, request, params });
    let document;
    try {
      document = enveloped.parse(params.query);
    } catch (error) {
      return operationRefused([parseFailure(error)]);
    }
    const errors = enveloped.validate(enveloped.schema, document);
    if (errors.length) return operationRefused(errors);
    if (!getOperationAST(document, params.operationName)) return operationRefused([unidentifiedOperation(params.operationName)]);
    return null;
  }

  /** The refusals of the plugin with a code each, as every other answer of the API carries. */
  async function coded(response: Response): Promise<Response> {
    if (response.status < 400) return response;
    const text = await response.text();
    let errors: { message?: unknown; extensions?: Record<string, unknown> }[] | undefined;
    try {
      const parsed = JSON.parse(text) as { errors?: unknown };
      if (Array.isArray(parsed.errors)) errors = parsed.errors;
    } catch {
      // Not JSON: the text, if any, is the message.
    }
    const code = CODE_OF_STATUS[response.status] ?? 'BAD_REQUEST';
    const given = errors?.length ? errors : [{ message: text.trim() || MESSAGE_OF_STATUS[response.status] || 'Bad request' }];
    const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'content-length' && name !== 'content-type'));
    return json(response.status, { errors: given.map((error) => ({ ...error, extensions: { ...error.extensions, code: error.extensions?.code ?? code } })) }, headers);
  }

  async function handle(payload: RequestPayload): Promise<Response> {
    const { request } = payload;
    const token = bearerToken(request.headers.get('authorization'));
    const credential = token ? await services.credentials.credentialOf(token) : null;
    if (!credential) {
      return refusal(401, 'Send Authorization: Bearer <session token or API key>; this one is missing, expired or revoked', 'FORBIDDEN', {
        'www-authenticate': 'Bearer',
      });
    }
    const body = request.method === 'POST' ? await boundedText(request) : null;
    if (body === TOO_LARGE) return refusal(413, `The body is over ${MAX_BODY_BYTES} bytes`, 'BAD_REQUEST');

    const given = request.headers.get(TOKEN_HEADER_KEY);
    const reservation = given ? reservations.get(given) : undefined;
    if (given && reservation?.credentialKey !== credential.key) return STREAM_NOT_FOUND();
    const streamToken = given ?? (request.method === 'PUT' ? reserve(payload, credential) : null);
    if (streamToken instanceof Response) return streamToken;

    // The plugin gets a request of its own: its body already read, and a signal this module can abort.
    const abort = new AbortController();
    request.signal.addEventListener('abort', () => abort.abort(), { once: true });
    const inner = new yoga.fetchAPI.Request(request.url, { method: request.method, headers: request.headers, body, signal: abort.signal });
    if (streamToken) streamTokenOf.set(inner, streamToken);

    const refused = checkOperation(payload, inner, body);
    if (refused) return refused;
    const response = await pass(payload, inner);

    const opened = reservation && !reservation.connected && response.status === 200 && request.headers.get('accept') === 'text/event-stream';
    if (opened && streamToken) {
      reservation.connected = true;
      // Each subscription's own ending (its FORBIDDEN error) is queued first; aborting then lets the plugin
      // send what is queued and close.
      const unregister = services.liveStreams.add(credential, () => setImmediate(() => abort.abort()));
      abort.signal.addEventListener('abort', () => {
        unregister();
        forget(streamToken);
      }, { once: true });
    } else if (request.method === 'PUT' && response.status !== 201 && streamToken) {
      forget(streamToken);
    }
    return response;
  }

  const onStream = (context: unknown) => {
    const request = (context as { request?: Request }).request;
    return request !== undefined && new URL(request.url).pathname === EVENT_STREAM_PATH;
  };
  const asStream = ({ result, setResult }: { result: unknown; setResult: (result: AsyncGenerator<ExecutionResult>) => void }) => {
    if (!isAsyncIterable(result) && !('data' in (result as ExecutionResult))) setResult(once(result as ExecutionResult));
  };

  return {
    onSubscribe: ({ args }) => (onStream(args.contextValue) ? { onSubscribeResult: asStream } : undefined),
    onExecute: ({ args }) => (onStream(args.contextValue) ? { onExecuteDone: asStream } : undefined),
    onYogaInit(payload) {
      yoga = payload.yoga as unknown as Yoga;
      sse.onYogaInit!(payload);
    },
    onRequest(payload) {
      if (new URL(payload.request.url).pathname !== EVENT_STREAM_PATH) return;
      return handle(payload).then(coded).then(payload.endResponse);
    },
  };
}

async function* once(result: ExecutionResult): AsyncGenerator<ExecutionResult> {
  yield result;
}

const TOO_LARGE = Symbol('too large');

/** The body as text, or TOO_LARGE as soon as it passes MAX_BODY_BYTES (a chunked body has no length to trust). */
async function boundedText(request: Request): Promise<string | typeof TOO_LARGE> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return TOO_LARGE;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return TOO_LARGE;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface OperationParams {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

/** The operation a request carries (a JSON body, or the query string of a GET); null when it carries none or is malformed, which the plugin answers. */
function operationParams(request: Request, body: string | null): OperationParams | null {
  let params: unknown;
  if (request.method === 'GET') {
    const search = new URL(request.url).searchParams;
    params = { query: search.get('query'), operationName: search.get('operationName') ?? undefined };
  } else if (body) {
    try {
      params = JSON.parse(body);
    } catch {
      return null;
    }
  }
  const candidate = params as Partial<OperationParams> | null | undefined;
  return candidate && typeof candidate === 'object' && typeof candidate.query === 'string' ? (candidate as OperationParams) : null;
}

function operationRefused(errors: readonly GraphQLError[]): Response {
  return json(400, {
    errors: errors.map((error) => ({
      message: error.message,
      ...(error.locations ? { locations: error.locations } : {}),
      extensions: { code: error.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED' },
    })),
  });
}
