/**
 * The values the product takes at its edge: what the business means and what the database holds.
 * Anything outside is refused as bad input before a resolver runs.
 */

/** Jobs are planned, read and filtered from 2000 to 2199: far beyond any real schedule, well inside PostgreSQL's and JavaScript's dates. */
export const BUSINESS_YEARS = { first: 2000, last: 2199 } as const;

const EARLIEST_INSTANT = Date.UTC(BUSINESS_YEARS.first, 0, 1);
const END_OF_LATEST_YEAR = Date.UTC(BUSINESS_YEARS.last + 1, 0, 1);

export const BUSINESS_RANGE_MESSAGE = `between ${BUSINESS_YEARS.first}-01-01 and ${BUSINESS_YEARS.last}-12-31`;

/** An instant in the business range, in UTC. */
export function isBusinessInstant(instant: Date): boolean {
  const time = instant.getTime();
  return time >= EARLIEST_INSTANT && time < END_OF_LATEST_YEAR;
}

/** A calendar date "YYYY-MM-DD" whose year is in the business range. */
export function isBusinessDate(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && year >= BUSINESS_YEARS.first && year <= BUSINESS_YEARS.last;
}

/** Event sequence numbers are PostgreSQL bigints that start at 1; `after: 0` replays everything. */
export const MAX_SEQUENCE_NUMBER = 2n ** 63n - 1n;

/** The sequence number a decimal string stands for, or null when it is not one the log can hold. */
export function parseSequenceNumber(text: string): bigint | null {
  if (!/^\d{1,19}$/.test(text)) return null;
  const seq = BigInt(text);
  return seq <= MAX_SEQUENCE_NUMBER ? seq : null;
}

/**
 * Why a seq to resume after (a subscription's `after`, the event log's `afterSeq`) names no place in the
 * organization's log, or null when it does. One past its latest event was never handed out: it is a seq
 * kept from before seqs were numbered per organization, or from another organization, and following
 * after it would deliver nothing until the log reached it. The latest seq is told to those who may read
 * `lastEventSeq` (`showLatest`); others resume from the last seq they received.
 */
export function resumeSeqProblem(after: bigint, latest: bigint, showLatest: boolean): string | null {
  if (after <= latest) return null;
  const resume = showLatest ? `, seq ${latest}: resume after it or an earlier seq` : ': resume after the last seq you received';
  return `Past the organization's latest event${resume} (seqs are numbered per organization)`;
}
