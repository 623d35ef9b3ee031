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

  it('refuses loopback written as one decimal number, in octal or in hex, which URLs read as 127.0.0.1', async () => {
    const before = hits;
    for (const host of ['2130706433', '0177.0.0.1', '0x7f.0.0.1', '0x7f000001', '127.1']) {
      const result = await send(`http://${host}:${port}/`);
      expect(result.statusCode, host).toBeNull();
      expect(result.error, host).toMatch(/not allowed/);
    }
    expect(hits).toBe(before);
  });

  it('refuses the cloud metadata address in every spelling, even where private addresses are allowed', async () => {
    const spellings = ['169.254.169.254', '2852039166', '0251.0376.0251.0376', '[::ffff:169.254.169.254]', '[::ffff:a9fe:a9fe]', '100.100.100.200', '[fd00:ec2::254]'];
    for (const allow of [false, true]) {
      for (const host of spellings) {
        const result = await send(`http://${host}/latest/meta-data/`, allow);
        expect(result.statusCode, `${host} ${allow}`).toBeNull();
        expect(result.error, `${host} ${allow}`).toMatch(/not allowed/);
      }
    }
  });

  it('answers a URL that is not http(s) with an error, never a thrown one', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:70/', 'not a url']) {
      const result = await send(url, true);
      expect(result.statusCode, url).toBeNull();
      expect(result.error, url).toBeTruthy();
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
