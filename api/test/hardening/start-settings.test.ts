import { mkdtempSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { warnOfUntrustedProxy } from '../../src/http/untrusted-proxy.js';
import { loadWebApp } from '../../src/http/web-app.js';
import { productionWarnings, startSettings } from '../../src/settings.js';

describe('start-up settings', () => {
  it('serves the API alone on port 4000 with no drain by default', () => {
    expect(startSettings({})).toEqual({ port: 4000, webBuildDir: undefined, drainMs: 0 });
  });

  it('reads the port, the web build folder (from the working directory) and the drain in seconds', () => {
    expect(startSettings({ PORT: '8080', WEB_BUILD_DIR: '../web/build', DRAIN_SECONDS: '3' })).toEqual({
      port: 8080,
      webBuildDir: resolve('../web/build'),
      drainMs: 3000,
    });
  });

  it.each([
    ['PORT', '80a'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '4e3'],
    ['PORT', '0'],
    ['DRAIN_SECONDS', '1.5'],
    ['DRAIN_SECONDS', '3601'],
    ['DRAIN_SECONDS', 'ten'],
  ])('refuses %s=%s before anything starts', (name, value) => {
    expect(() => startSettings({ [name]: value })).toThrow(`${name} must be a whole number`);
  });

  it('refuses a web build folder without the built app, naming the command that makes it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dispatch-web-'));
    await expect(loadWebApp(empty)).rejects.toThrow('run pnpm build first');
  });
});

describe('production warnings', () => {
  it('says nothing outside production', () => {
    expect(productionWarnings({ DATABASE_URL: 'postgresql://db/dispatch' })).toEqual([]);
  });

  it('warns that instances on PostgreSQL without REDIS_URL throttle each on their own', () => {
    expect(productionWarnings({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/dispatch' })).toEqual([expect.stringContaining('REDIS_URL is not set')]);
  });

  it('warns that the embedded database is for one instance', () => {
    expect(productionWarnings({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('embedded database')]);
  });

  it('says nothing with PostgreSQL and Redis', () => {
    expect(productionWarnings({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/dispatch', REDIS_URL: 'redis://cache' })).toEqual([]);
  });
});

describe('a proxy TRUST_PROXY does not name', () => {
  const request = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '10.0.0.5' } }) as unknown as IncomingMessage;

  it('is reported once, at the first request that comes with X-Forwarded-For, naming the proxy', () => {
    const warnings: string[] = [];
    const notice = warnOfUntrustedProxy(undefined, (message) => warnings.push(message));
    notice(request({}));
    expect(warnings).toEqual([]);
    notice(request({ 'x-forwarded-for': '203.0.113.9' }));
    notice(request({ 'x-forwarded-for': '203.0.113.10' }));
    expect(warnings).toEqual([expect.stringContaining('TRUST_PROXY is unset')]);
    expect(warnings[0]).toContain('10.0.0.5');
  });

  it('is not reported when TRUST_PROXY names the proxies', () => {
    const warnings: string[] = [];
    warnOfUntrustedProxy('10.0.0.5', (message) => warnings.push(message))(request({ 'x-forwarded-for': '203.0.113.9' }));
    expect(warnings).toEqual([]);
  });
});
