import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

/** Cloud metadata services: never reached, whatever the settings say. */
const METADATA_ADDRESSES = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];
const RESPONSE_READ_BYTES = 64 * 1024;
const EXCERPT_CHARACTERS = 1_000;

export interface DeliveryAgents {
  http: Agent;
  https: Agent;
}

/**
 * Agents that check the address each connection actually goes to (after DNS, so a name that resolves
 * to a private address is refused as the address itself is): only public unicast addresses, unless
 * private ones are allowed for development.
 */
export function guardedAgents(allowPrivateAddresses: boolean): DeliveryAgents {
  const options = { keepAlive: true, allowPrivateIPAddress: allowPrivateAddresses, allowMetaIPAddress: false, denyIPAddressList: METADATA_ADDRESSES };
  return { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
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
    const secure = target.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: secure ? options.agents.https : options.agents.http,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Dispatch-Webhooks/1' },
    });
    const timer = setTimeout(() => {
      failed(`No answer within ${options.timeoutMs} ms`);
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error) => failed(error.message));
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
