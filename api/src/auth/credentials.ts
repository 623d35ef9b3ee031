import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { hashSecret } from './secrets.js';
import { credentialFromToken } from './credential-lookup.js';

/** How long a looked-up credential is trusted without asking the database again. */
export const CREDENTIAL_CACHE_MS = 10_000;
const MAX_CACHED = 10_000;
/** Longer than any lookup can take (the pool's acquire timeout and a query). */
const REVOKED_KEPT_MS = 5 * 60_000;
/** How long a token that belongs to nobody is answered without asking the database again. */
export const UNKNOWN_KEPT_MS = 5_000;

/** Names a credential across processes without revealing it: an API key's id, or a session token's hash. */
export function credentialKey(caller: Caller, token: string): string {
  return caller.kind === 'apiKey' ? `apiKey:${caller.apiKeyId}` : `session:${hashSecret(token)}`;
}

/** Who a token belongs to, the name its revocation uses (credentialKey), and when it expires (null: never). */
export interface Credential {
  caller: Caller;
  key: string;
  expiresAt: Date | null;
}

/**
 * Who the bearer tokens seen lately belong to, so that a request does not look its session or key
 * up again. An entry lives at most CREDENTIAL_CACHE_MS and never past the session's expiry; a revoked
 * credential is forgotten at once in the instance that revoked it and, through the access_revoked
 * notification, in every other.
 *
 * Tokens that belong to nobody are remembered for UNKNOWN_KEPT_MS too, so that a flood of made-up
 * tokens does not cost a database lookup each. That cannot refuse a real one: a token is handed out
 * only after its session or key is written, so it cannot have been looked up before it was issued,
 * and one that was revoked, expired or deactivated never becomes valid again.
 *
 * A lookup that read the database just before a revocation committed would otherwise come back with
 * the revoked caller after it was forgotten (and a socket opened with it would never be closed), so
 * revoked credentials are also kept for a while, and a lookup that finds one answers null.
 */
export class Credentials {
  private readonly cache = new LRUCache<string, Credential>({ max: MAX_CACHED, ttl: CREDENTIAL_CACHE_MS });
  private readonly revoked = new LRUCache<string, true>({ max: MAX_CACHED, ttl: REVOKED_KEPT_MS });
  /** Hashes of tokens whose lookup found nobody. */
  private readonly unknown = new LRUCache<string, true>({ max: MAX_CACHED, ttl: UNKNOWN_KEPT_MS });

  constructor(private readonly prisma: PrismaClient) {}

  async callerOf(token: string, now = new Date()): Promise<Caller | null> {
    return (await this.credentialOf(token, now))?.caller ?? null;
  }

  async credentialOf(token: string, now = new Date()): Promise<Credential | null> {
    const tokenHash = hashSecret(token);
    const cached = this.cache.get(tokenHash);
    if (cached) return cached;
    if (this.unknown.has(tokenHash)) return null;
    const found = await credentialFromToken(this.prisma, token, now);
    if (!found) {
      this.unknown.set(tokenHash, true);
      return null;
    }
    const credential = { ...found, key: credentialKey(found.caller, token) };
    if (this.revoked.has(credential.key)) return null;
    const ttl = Math.min(CREDENTIAL_CACHE_MS, (found.expiresAt?.getTime() ?? Infinity) - now.getTime());
    this.cache.set(tokenHash, credential, { ttl });
    return credential;
  }

  /** Whether this credential was revoked lately (within REVOKED_KEPT_MS), here or on another instance. */
  isRevoked(key: string): boolean {
    return this.revoked.has(key);
  }

  /** Drops a revoked credential (`session:<token hash>` or `apiKey:<id>`, as credentialKey names them). */
  forget(key: string): void {
    this.revoked.set(key, true);
    for (const [tokenHash, cached] of this.cache.entries()) {
      if (cached.key === key) this.cache.delete(tokenHash);
    }
  }
}
