import { dateIn } from '$lib/format';
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
	const current = jobs.find((job) => job.id === changed.id);
	if (current && current.version > changed.version) return jobs;
	const others = jobs.filter((job) => job.id !== changed.id);
	return inTimeOrder(dateIn(changed.windowStart, timeZone) === date ? [...others, changed] : others);
}
