import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { trustProxyFrom } from '../../src/auth/client-address.js';
import { chosenCoding, isOneRange } from '../../src/http/static-requests.js';
import { STRICT_TRANSPORT_SECURITY, useStrictTransportSecurity } from '../../src/http/transport-security.js';

describe('what the web app sends a browser', () => {
  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0', 'identity'],
    ['br;q=0,gzip;q=0', 'identity'],
    ['gzip;q=0.5, br;q=0.4', 'gzip'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['*, br;q=0', 'gzip'],
    ['BR;Q=1', 'br'],
    ['br;q=2', 'identity'],
    ['br;q=abc', 'identity'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['', 'identity'],
  ])('Accept-Encoding %j is answered in %s, never in a coding refused with q=0', (header, coding) => {
    expect(chosenCoding(header)).toBe(coding);
  });

  it.each([
    ['bytes=0-99', true],
    ['bytes=100-', true],
    ['bytes=5-5', true],
    ['bytes=5-1', false],
    ['bytes=-100', false],
    ['bytes=0-1,5-9', false],
    ['bytes=abc', false],
    ['items=0-9', false],
    ['bytes=0-9999999999999999', false],
  ])('takes Range %j as one range of bytes: %s', (header, taken) => {
    expect(isOneRange(header)).toBe(taken);
  });

  const request = (peer: string, headers: Record<string, string>) => ({ headers, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;
  const sent = (trustProxy: string, req: IncomingMessage) => {
    const headers: Record<string, string> = {};
    useStrictTransportSecurity(trustProxyFrom(trustProxy))(req, { setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as ServerResponse);
    return headers['strict-transport-security'];
  };

  it('sends Strict-Transport-Security when the proxy TRUST_PROXY names says the request came over TLS', () => {
    expect(sent('10.0.0.5', request('10.0.0.5', { 'x-forwarded-proto': 'https' }))).toBe(STRICT_TRANSPORT_SECURITY);
    expect(sent('10.0.0.5', request('10.0.0.5', { 'x-forwarded-proto': 'http, https' }))).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it('sends none over plain HTTP, nor when a client that is not the proxy claims TLS', () => {
    expect(sent('10.0.0.5', request('10.0.0.5', {}))).toBeUndefined();
    expect(sent('10.0.0.5', request('10.0.0.5', { 'x-forwarded-proto': 'https, http' }))).toBeUndefined();
    expect(sent('10.0.0.5', request('203.0.113.9', { 'x-forwarded-proto': 'https' }))).toBeUndefined();
    expect(sent('', request('203.0.113.9', { 'x-forwarded-proto': 'https' }))).toBeUndefined();
  });
});
