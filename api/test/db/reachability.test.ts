import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, retryWhileUnavailable } from '../../src/db/reachability.js';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('retrying while the database is away', () => {
  it('tells an unreachable database from a fault of the request', () => {
    expect(isDatabaseUnavailable(refused())).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: { code: '57P01' } }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
  });

  it('runs the work again until the database answers', async () => {
    let attempts = 0;
    const result = await retryWhileUnavailable(async () => {
      attempts += 1;
      if (attempts < 3) throw refused();
      return 'loaded';
    });
    expect(result).toBe('loaded');
    expect(attempts).toBe(3);
  });

  it('throws any other error at once, without retrying', async () => {
    let attempts = 0;
    const work = async () => {
      attempts += 1;
      throw new Error('Unique constraint failed');
    };
    await expect(retryWhileUnavailable(work)).rejects.toThrow('Unique constraint failed');
    expect(attempts).toBe(1);
  });

  it('gives up with the last error once its time is over', async () => {
    let attempts = 0;
    const work = async () => {
      attempts += 1;
      throw refused();
    };
    await expect(retryWhileUnavailable(work, { withinMs: 500 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(attempts).toBeGreaterThan(1);
  });
});
