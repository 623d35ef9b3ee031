import { isDatabaseUnavailable } from './db/reachability.js';

/**
 * Why a process did not start, on one line: a setting's own message, or what the database answered.
 * Never the connection URL, which may hold a password.
 */
export function startFailure(error: unknown): string {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  if (code === 'EADDRINUSE') return `PORT ${port} is taken by another process`;
  if (code === 'EACCES' && port !== undefined) return `PORT ${port} may not be listened on by this user`;
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').map((part) => part.trim()).find(Boolean) ?? 'unknown error';
  return isDatabaseUnavailable(error) || isRefusedByDatabase(error) ? `the database of DATABASE_URL: ${line}` : line;
}

/** PostgreSQL refused the connection itself: no such database, a bad password, a role that may not log in. */
function isRefusedByDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '3D000' || code === '28P01' || code === '28000' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}
