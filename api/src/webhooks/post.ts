import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { isReachableAddress } from '../domain/webhooks.js';

/**
 * What an attempt refused for its address logs: the host as the URL names it, never what it resolved to,
 * so that the log does not tell an admin the private addresses of internal names.
 */
const addressRefused = (host: string) => `The address of ${host} is not allowed: deliveries go to public addresses only`;
/** request-filtering-agent's refusal, which names the resolved address: logged as addressRefused instead. */
const AGENT_REFUSAL = /^DNS lookup .* is not allowed/;

/** DNS lookup that fails when any answer is an address deliveries may not reach. */
function lookupRefusingUnreachable(allowPrivateAddresses: boolean): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      if (addresses.some(({ address }) => !isReachableAddress(address, allowPrivateAddresses))) return callback(new Error(addressRefused(hostname)));
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as unknown as LookupFunction;
}

const RESPONSE_READ_BYTES = 64 * 1024;
const EXCERPT_CHARACTERS = 1_000;

export interface DeliveryAgents {
  http: Agent;
  https: Agent;
  /** The setting they were made with: a literal address and every DNS answer are checked against it too. */
  allowPrivateAddresses: boolean;
}

/**
 * How deliveries connect. Only to addresses `isReachableAddress` allows (public unicast ones, unless
 * private ones are allowed for development), checked on the URL's literal address and on every DNS
 * answer, so that a name resolving to a private address is refused as the address itself is; the
 * agents check the address each connection actually goes to again, with the same ipaddr.js ranges.
 */
export function guardedAgents(allowPrivateAddresses: boolean): DeliveryAgents {
  const options = { keepAlive: true, allowPrivateIPAddress: allowPrivateAddresses, allowMetaIPAddress: false };
  return { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options), allowPrivateAddresses };
}

export interface PostResult {
  statusCode: number | null;
  retryAfter: string | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
}

/** One POST, no redirect followed, the whole exchange bounded by `timeoutMs`; never throws. */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { agents: DeliveryAgents; timeoutMs: number },
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: Omit<PostResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const failed = (error: string) => finish({ statusCode: null, retryAfter: null, responseExcerpt: null, error });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      failed('Not a URL');
      return;
    }
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(literal) !== 0 && !isReachableAddress(literal, options.agents.allowPrivateAddresses)) {
      failed(addressRefused(target.hostname));
      return;
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      failed(`${target.protocol} is not http or https`);
      return;
    }
    const secure = target.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: secure ? options.agents.https : options.agents.http,
      lookup: lookupRefusingUnreachable(options.agents.allowPrivateAddresses),
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Dispatch-Webhooks/1' },
    });
    timer = setTimeout(() => {
      failed(`No answer within ${options.timeoutMs} ms`);
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error) => failed(AGENT_REFUSAL.test(error.message) ? addressRefused(target.hostname) : error.message));
    request.on('response', (response) => {
      readExcerpt(response).then((responseExcerpt) => {
        const statusCode = response.statusCode ?? null;
        const location = response.headers.location;
        finish({
          statusCode,
          retryAfter: headerValue(response.headers['retry-after']),
          responseExcerpt,
          error: statusCode !== null && statusCode >= 300 && statusCode < 400 && location ? `Redirect to ${location} not followed` : null,
        });
      }, (error: Error) => failed(error.message));
    });
    request.end(body);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The start of the answer, for the delivery log; the rest is not read. */
async function readExcerpt(response: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= RESPONSE_READ_BYTES) {
      response.destroy();
      break;
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? text.slice(0, EXCERPT_CHARACTERS) : null;
}
