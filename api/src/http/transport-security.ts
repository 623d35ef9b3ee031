import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TrustProxy } from '../auth/client-address.js';

/** A year: browsers then reach this host over HTTPS only, whatever a link or a typed address says. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Sends Strict-Transport-Security on every answer to a request that came over TLS: on this socket, or
 * through a proxy that TRUST_PROXY names and that says so with `X-Forwarded-Proto: https` (its own value
 * is the last one). Over plain HTTP a browser would ignore it, and a client could claim the header itself.
 */
export function useStrictTransportSecurity(trust: TrustProxy) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (cameOverTls(req, trust)) res.setHeader('strict-transport-security', STRICT_TRANSPORT_SECURITY);
  };
}

function cameOverTls(req: IncomingMessage, trust: TrustProxy): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  const peer = req.socket.remoteAddress;
  const proto = req.headers['x-forwarded-proto'];
  if (!peer || typeof proto !== 'string' || !trust(peer, 0)) return false;
  return proto.split(',').at(-1)!.trim().toLowerCase() === 'https';
}
