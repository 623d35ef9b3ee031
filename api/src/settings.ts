import { resolve } from 'node:path';

/** How the process is started, from the environment (README, Configuration); a bad value fails at start. */
export interface StartSettings {
  port: number;
  /** The built web app to serve beside the API (`pnpm start:prod`: web/build); unset, the API alone. */
  webBuildDir: string | undefined;
  /** After SIGTERM, how long /readyz answers 503 while everything is still served. */
  drainMs: number;
}

export function startSettings(env: NodeJS.ProcessEnv = process.env): StartSettings {
  return {
    port: wholeNumber(env, 'PORT', 4000, 1, 65_535),
    webBuildDir: env.WEB_BUILD_DIR ? resolve(env.WEB_BUILD_DIR) : undefined,
    drainMs: wholeNumber(env, 'DRAIN_SECONDS', 0, 0, 3_600) * 1000,
  };
}

/** What is unsafe in production but not wrong enough to refuse: said at start, once. */
export function productionWarnings(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const warnings: string[] = [];
  if (env.DATABASE_URL && !env.REDIS_URL) {
    warnings.push('REDIS_URL is not set: each instance throttles on its own, so several instances let through several times the limits');
  }
  if (!env.DATABASE_URL) {
    warnings.push('DATABASE_URL is not set: the data lives in the embedded database of this one process (back up its folder; run one instance only)');
  }
  return warnings;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = env[name]?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return Number(value);
}
