import { ThrottledError } from '../domain/errors.js';
import type { FailureCounter, RememberedKeys } from '../limits/failures.js';

/** The counters every password check goes through (sign-in, changing one's password), as SIGN_IN_LIMITS sets them. */
export interface SignInLimiter {
  perAccountAndAddress: FailureCounter;
  perAddress: FailureCounter;
  perAccount: FailureCounter;
  /** `account|address` pairs that signed in successfully lately. */
  familiar: RememberedKeys;
}

/**
 * Runs a password check for `account` (the login email) from `clientAddress`, refusing it with a
 * ThrottledError while a counter holds it back. A wrong password counts against the account from this
 * address, against the address, and (from an address the account was not signed in from lately)
 * against the account as a whole. A right one clears this address's failures for the account and
 * makes the address familiar; hammering from elsewhere never stops the owner.
 */
export async function throttledPasswordCheck<T>(
  limiter: SignInLimiter,
  account: string,
  clientAddress: string,
  check: () => Promise<T | null>,
): Promise<T | null> {
  const pair = `${account}|${clientAddress}`;
  const counted: [FailureCounter, string][] = [
    [limiter.perAccountAndAddress, pair],
    [limiter.perAddress, clientAddress],
  ];
  if (!(await limiter.familiar.has(pair))) counted.push([limiter.perAccount, account]);

  const reservations = await Promise.all(counted.map(([counter, key]) => counter.reserve(key)));
  const giveBack = () => Promise.all(counted.filter((_, i) => reservations[i]!.allowed).map(([counter, key]) => counter.release(key)));
  const waits = reservations.map((reservation) => (reservation.allowed ? 0 : reservation.retryAfterMs));
  if (Math.max(...waits) > 0) {
    await giveBack();
    throw new ThrottledError('Too many failed attempts to sign in to this account from here; wait and try again', Math.max(...waits));
  }

  let result: T | null;
  try {
    result = await check();
  } catch (error) {
    await giveBack(); // not a wrong password: the database or the hash failed
    throw error;
  }
  if (result !== null) {
    await Promise.all([giveBack(), limiter.perAccountAndAddress.clear(pair), limiter.familiar.add(pair)]);
  }
  return result;
}
