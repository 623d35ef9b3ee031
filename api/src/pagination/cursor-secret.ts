import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultDataDir } from '../db/database.js';

/** Where a secret generated for a machine without CURSOR_SECRET is kept, beside the embedded database. */
export const keptSecretFile = join(dirname(defaultDataDir), 'cursor-secret');

const MIN_SECRET_LENGTH = 32;

let key: Buffer | undefined;

/**
 * The key that signs connection cursors, derived from CURSOR_SECRET; without it, from a random secret
 * made once and kept in the data folder, so restarts and instances sharing that folder agree.
 */
export function cursorKey(): Buffer {
  key ??= Buffer.from(hkdfSync('sha256', cursorSecret(process.env, keptSecretFile), '', 'dispatch connection cursors', 32));
  return key;
}

/** CURSOR_SECRET, or the secret kept in `file` (made on first use). */
export function cursorSecret(env: NodeJS.ProcessEnv, file: string): string {
  const configured = env.CURSOR_SECRET;
  if (configured !== undefined) {
    if (configured.length < MIN_SECRET_LENGTH) throw new Error(`CURSOR_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return configured;
  }
  if (env.NODE_ENV === 'production') {
    // Behind a load balancer a page of one instance's cursor would be refused by the next.
    if (env.DATABASE_URL) throw new Error('CURSOR_SECRET must be set in production on PostgreSQL, the same on every instance (at least 32 characters)');
    console.warn(`CURSOR_SECRET is not set: cursors are signed with the secret in ${file}, which instances on other machines do not share`);
  }
  return keptSecret(file);
}

/** Reads the secret in `file`, creating it first if it is missing; concurrent first starts agree on one. */
function keptSecret(file: string): string {
  const existing = readIfPresent(file);
  if (existing) return existing;
  mkdirSync(dirname(file), { recursive: true });
  const draft = `${file}.${randomUUID()}`;
  writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
  try {
    // A hard link appears with its whole content or not at all, and fails if another process got there first.
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}

function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
