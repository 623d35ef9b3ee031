import { dateIn } from '$lib/format';
import { withLatest } from '$lib/follow-changes';
import type { MyDayJobFragment, WorkOrderStatus } from '$lib/gql/graphql';
import type { Tap } from './outbox.svelte';

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

/**
 * What the job's buttons offer once the taps still waiting are applied: the API's next statuses when none
 * wait, else the moves the API said the technician may make from the status the last tap asks for.
 */
export function nextStatusesAfter(job: Job, pending: readonly Tap[]): readonly WorkOrderStatus[] {
	const last = pending.at(-1);
	if (!last) return job.nextStatuses;
	return job.movesAhead.find((moves) => moves.from === last.status)?.to ?? [];
}
