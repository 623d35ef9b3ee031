import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
