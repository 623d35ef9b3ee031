/** How a process runs jobs, from the environment (README, Configuration). A bad value stops the start. */
export interface JobSettings {
  /** Whether the API process runs a worker itself (JOBS_IN_PROCESS, default true). */
  inProcess: boolean;
  /** Jobs one worker process runs at once (JOBS_CONCURRENCY). */
  concurrency: number;
  /** How often a worker looks for jobs that are due (retries, runAt) besides the new-job notification (JOBS_POLL_INTERVAL_MS). */
  pollInterval: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return parsed;
}

export function jobSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): JobSettings {
  const inProcess = env.JOBS_IN_PROCESS ?? 'true';
  if (inProcess !== 'true' && inProcess !== 'false') throw new Error('JOBS_IN_PROCESS must be true or false');
  return {
    inProcess: inProcess === 'true',
    concurrency: whole(env, 'JOBS_CONCURRENCY', 4, 1, 100),
    pollInterval: whole(env, 'JOBS_POLL_INTERVAL_MS', 2_000, 50, 3_600_000),
  };
}
