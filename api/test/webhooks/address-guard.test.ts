import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedAgents, post } from '../../src/webhooks/post.js';

/** Requests that must never reach the address they name when private addresses are not allowed. */
describe('deliveries never reach loopback, private, link-local or metadata addresses', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits++;
      if (request.url === '/redirect') response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else response.writeHead(200).end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '::', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  const send = (url: string, allowPrivateAddresses = false) =>
    post(url, {}, '{}', { agents: guardedAgents(allowPrivateAddresses), timeoutMs: 2_000 });

  it('refuses a host name that resolves to 127.0.0.1, checked on the address connected to', async () => {
    const before = hits;
    const result = await send(`http://localhost:${port}/`);
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/not allowed/);
    expect(hits).toBe(before);
  });

  it('refuses IPv4 and IPv6 loopback, an IPv4-mapped loopback, private and link-local literals', async () => {
    const before = hits;
    for (const host of ['127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '10.0.0.1', '192.168.1.1', '172.16.0.1', '[fd00::1]', '[fe80::1]', '0.0.0.0']) {
      const result = await send(`http://${host}:${port}/`);
      expect(result.error, host).toMatch(/not allowed/);
    }
    expect(hits).toBe(before);
  });

  it('refuses the cloud metadata address, even where private addresses are allowed', async () => {
    for (const allow of [false, true]) {
      const result = await send('http://169.254.169.254/latest/meta-data/', allow);
      expect(result.error, String(allow)).toMatch(/not allowed/);
    }
  });

  it('does not follow a redirect: it is a failed attempt and the address it names is never asked', async () => {
    const result = await send(`http://127.0.0.1:${port}/redirect`, true);
    expect(result.statusCode).toBe(302);
    expect(result.error).toBe('Redirect to http://169.254.169.254/latest/meta-data/ not followed');
  });

  it('reaches loopback only when the development setting allows private addresses', async () => {
    const result = await send(`http://127.0.0.1:${port}/`, true);
    expect(result).toMatchObject({ statusCode: 200, responseExcerpt: 'ok', error: null });
  });
});
