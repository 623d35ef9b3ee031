import { describe, expect, it } from 'vitest';
import { LiveStreams } from '../../src/auth/live-streams.js';
import type { Credential } from '../../src/auth/credentials.js';

const credential = (key: string, expiresAt: Date | null = null): Credential => ({
  key,
  expiresAt,
  caller: { kind: 'apiKey', organizationId: 'org', apiKeyId: key, name: 'Key', scopes: ['READ'] },
});

describe('the live streams of each credential', () => {
  it('ends everything open with a credential, and nothing of another', () => {
    const revoked = new Set<string>();
    const streams = new LiveStreams((key) => revoked.has(key));
    const ended: string[] = [];
    streams.add(credential('apiKey:a'), () => ended.push('a1'));
    streams.add(credential('apiKey:a'), () => ended.push('a2'));
    streams.add(credential('apiKey:b'), () => ended.push('b'));
    const forget = streams.add(credential('apiKey:a'), () => ended.push('a3, already closed'));
    forget();
    streams.end('apiKey:a');
    expect(ended).toEqual(['a1', 'a2']);
    streams.end('apiKey:a');
    expect(ended).toEqual(['a1', 'a2']);
  });

  it('ends at once a stream added for a credential revoked after it was looked up', () => {
    const streams = new LiveStreams((key) => key === 'apiKey:gone');
    let ended = false;
    streams.add(credential('apiKey:gone'), () => (ended = true));
    expect(ended).toBe(true);
  });

  it("ends a session's streams when it expires", async () => {
    const streams = new LiveStreams(() => false);
    const ended = new Promise<string>((resolve) => streams.add(credential('session:x', new Date(Date.now() + 50)), () => resolve('expired')));
    expect(await ended).toBe('expired');
  });
});
