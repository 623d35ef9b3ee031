/**
 * How failed sign-ins are slowed down (OWASP Authentication Cheat Sheet: throttle per account and per
 * client, with growing delays, so that guessing is slow and nobody else can lock the owner out).
 *
 * A counter allows `freeFailures` failures, then holds its key back `firstDelayMs` after the next
 * failure, twice as long after each further one, at most `maxDelayMs`; it forgets its failures
 * `forgetAfterMs` after the last one.
 */
export interface FailurePolicy {
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SIGN_IN_LIMITS = {
  /** One email from one client address: someone mistyping, or one machine guessing one account's password. */
  perAccountAndAddress: { freeFailures: 5, firstDelayMs: 1_000, maxDelayMs: 5 * MINUTE, forgetAfterMs: HOUR },
  /** One client address, whatever the email: one machine trying many accounts (an office shares one address). */
  perAddress: { freeFailures: 30, firstDelayMs: 1_000, maxDelayMs: MINUTE, forgetAfterMs: HOUR },
  /**
   * One email from every address the owner has not signed in from lately: a distributed guess at one
   * account. Addresses it knows (see familiarForMs) are not held back by it, so the owner still gets in.
   */
  perAccount: { freeFailures: 50, firstDelayMs: 1_000, maxDelayMs: MINUTE, forgetAfterMs: 24 * HOUR },
  /** After a successful sign-in, that address is the account's own for this long. */
  familiarForMs: 30 * 24 * HOUR,
} as const satisfies Record<string, FailurePolicy | number>;

/** How long after its latest failure a key with this many failures is held back (0: not at all). */
export function delayAfterFailures(failures: number, policy: FailurePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(failures - policy.freeFailures, 30));
}
