import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

/** Whether the hop at `index` (0 is the socket's peer, then X-Forwarded-For from the right) is a proxy of ours. */
export type TrustProxy = (address: string, index: number) => boolean;

/**
 * Reads the TRUST_PROXY setting. Unset (or `false`): no proxy is trusted and the client is the socket's
 * peer, whatever X-Forwarded-For says. A number n: the n nearest hops are our proxies. Otherwise a comma
 * list of addresses, CIDRs or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). A bad value
 * fails at start-up.
 */
export function trustProxyFrom(setting: string | undefined): TrustProxy {
  const value = setting?.trim() ?? '';
  if (value === '' || value === 'false' || value === '0') return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, index) => index < hops;
  }
  return proxyAddr.compile(value.split(',').map((entry) => entry.trim()).filter(Boolean));
}

/** Who is at the other end of a request, as far as the network says. */
export interface RequestClient {
  /** What anonymous and sign-in throttles count by: clientAddress below. */
  address: string;
  /** The User-Agent header (of the upgrade request on a WebSocket), at most 512 characters. */
  userAgent: string | null;
}

/** `request` is Node's (on a WebSocket, the upgrade request); `fetchRequest` Yoga's, when there is one. */
export function clientOf(request: IncomingMessage | undefined, fetchRequest: Request | undefined, trust: TrustProxy): RequestClient {
  const userAgent = fetchRequest?.headers.get('user-agent') ?? request?.headers['user-agent'] ?? null;
  return { address: clientAddress(request, trust), userAgent: userAgent?.slice(0, 512) ?? null };
}

/**
 * The address a request comes from, as throttles count it: the socket's peer, or with trusted proxies
 * the right-most X-Forwarded-For entry that is not one of them. IPv4-mapped IPv6 becomes IPv4, and an
 * IPv6 address stands for its /64, which one subscriber usually holds whole. A request that came
 * through no socket (in-process) is `local`.
 */
export function clientAddress(request: IncomingMessage | undefined, trust: TrustProxy): string {
  if (!request?.socket?.remoteAddress) return 'local';
  const found = proxyAddr(request, trust);
  if (!ipaddr.isValid(found)) return found;
  const address = ipaddr.process(found);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}
