import { dateIn } from '$lib/format';
import { withLatest } from '$lib/work-order/follow-changes';
import type { MyDayJobFragment } from '$lib/gql/graphql';

export type Job = MyDayJobFragment;

/** Jobs in the order the day runs: by the start of their window. */
export function inTimeOrder(jobs: Job[]): Job[] {
	return [...jobs].sort((a, b) => Date.parse(a.windowStart) - Date.parse(b.windowStart));
}

/**
 * The day's jobs once `changed` is known: it replaces an older copy of itself (never a newer one),
 * joins the list when its window is on `date`, and leaves it when it moved to another day.
 */
export function withJob(jobs: Job[], changed: Job, date: string, timeZone: string): Job[] {
	return inTimeOrder(withLatest(jobs, changed, (job) => dateIn(job.windowStart, timeZone) === date));
}
