import { describe, expect, it } from 'vitest';
import { guardedAgents, post } from '../../src/webhooks/post.js';

const send = (host: string, allowPrivateAddresses: boolean) =>
  post(`http://${host}/latest/meta-data/`, {}, '{}', { agents: guardedAgents(allowPrivateAddresses), timeoutMs: 3_000 });
const refusedFor = (host: string) => `The address of ${new URL(`http://${host}/`).hostname} is not allowed: deliveries go to public addresses only`;

/** IPv6 spellings that carry a loopback, private or link-local IPv4 address. */
const CARRYING_PRIVATE = [
  '[::127.0.0.1]', // IPv4-compatible, which URLs write [::7f00:1]
  '[::7f00:1]',
  '[::10.0.0.1]',
  '[::ffff:192.168.1.1]', // IPv4-mapped
  '[64:ff9b::7f00:1]', // NAT64's well-known prefix
  '[64:ff9b::10.1.2.3]',
  '[2002:7f00:1::]', // 6to4
  '[2002:c0a8:101::1]',
];
/** Metadata addresses in every spelling: AWS/GCP/Azure, AWS ECS, Oracle Cloud, carried in IPv6 too. */
const METADATA = [
  '169.254.170.2',
  '192.0.0.192',
  '[::a9fe:a9fe]',
  '[::169.254.169.254]',
  '[64:ff9b::a9fe:a9fe]',
  '[2002:a9fe:a9fe::]',
  '[::ffff:169.254.170.2]',
  '[64:ff9b::192.0.0.192]',
  '[::ffff:0:a9fe:a9fe]', // IPv4-translated
  '[64:ff9b:1::a9fe:a9fe]', // NAT64's local-use prefix
  '[2002:c000:c0::]',
];

describe('IPv6 spellings that carry an IPv4 address are judged by it, at delivery', () => {
  it('refuses every one that carries a private, loopback, link-local or metadata address, without connecting', async () => {
    for (const host of [...CARRYING_PRIVATE, ...METADATA]) {
      const result = await send(host, false);
      expect(result, host).toMatchObject({ statusCode: null, error: refusedFor(host) });
      // Refused before any connection was tried (a try would end refused, unreachable or timed out).
      expect(result.durationMs, host).toBeLessThan(500);
    }
  });

  it('refuses the metadata ones even where private addresses are allowed for development', async () => {
    for (const host of METADATA) {
      const result = await send(host, true);
      expect(result, host).toMatchObject({ statusCode: null, error: refusedFor(host) });
      expect(result.durationMs, host).toBeLessThan(500);
    }
  });
});
