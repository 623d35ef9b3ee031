import type { IncomingMessage } from 'node:http';

/**
 * Behind a load balancer with TRUST_PROXY unset, every client counts as the balancer's address, so one
 * guesser's sign-in delays and one flood's throttle hold everyone back. Requests that carry
 * X-Forwarded-For say that there is a proxy: the first one is reported, once.
 */
export function warnOfUntrustedProxy(trustProxySetting: string | undefined, warn: (message: string) => void = console.warn) {
  if (trustProxySetting?.trim()) return () => {};
  let warned = false;
  return (req: IncomingMessage) => {
    if (warned || req.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    warn(`Warning: requests come through a proxy (X-Forwarded-For from ${req.socket.remoteAddress}) but TRUST_PROXY is unset: throttles count every client as the proxy`);
  };
}
