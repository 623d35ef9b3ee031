import { describe, expect, it } from 'vitest';
import { jobSettingsFromEnv } from '../../src/jobs/settings.js';

describe('job settings', () => {
  it('runs a worker in the API process by default', () => {
    expect(jobSettingsFromEnv({})).toEqual({ inProcess: true, concurrency: 4, pollInterval: 2_000 });
  });

  it('reads JOBS_IN_PROCESS, JOBS_CONCURRENCY and JOBS_POLL_INTERVAL_MS', () => {
    expect(jobSettingsFromEnv({ JOBS_IN_PROCESS: 'false', JOBS_CONCURRENCY: '1', JOBS_POLL_INTERVAL_MS: '50' })).toEqual({
      inProcess: false,
      concurrency: 1,
      pollInterval: 50,
    });
  });

  it.each([
    ['JOBS_IN_PROCESS', 'no'],
    ['JOBS_IN_PROCESS', 'TRUE'],
    ['JOBS_CONCURRENCY', '0'],
    ['JOBS_CONCURRENCY', '101'],
    ['JOBS_CONCURRENCY', '2.5'],
    ['JOBS_CONCURRENCY', 'four'],
    ['JOBS_POLL_INTERVAL_MS', '49'],
    ['JOBS_POLL_INTERVAL_MS', '1e9'],
    ['JOBS_POLL_INTERVAL_MS', '-1'],
  ])('refuses %s=%s, so that the process does not start', (name, value) => {
    expect(() => jobSettingsFromEnv({ [name]: value })).toThrow(name);
  });
});
