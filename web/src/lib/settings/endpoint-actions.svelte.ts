import { invalidateAll } from '$app/navigation';

/** What came of the last action, as the admin is told. */
export interface Notice {
	ok: boolean;
	text: string;
}

type Outcome<Value> = { ok: true; value: Value } | { ok: false; message: string | null };

/**
 * The actions a webhook page runs on its endpoints (send a test, replay, enable, rotate…): one at a time,
 * what came of the last one, then the page's data read again.
 */
export class EndpointActions {
	/** The endpoint whose action is running; null when none is. */
	busy = $state<string | null>(null);
	notice = $state<Notice | null>(null);

	/** Runs `action` on an endpoint; on success the notice says `done` (or what `done` makes of the answer), else the API's refusal. */
	async run<Value>(endpointId: string, action: () => Promise<Outcome<Value>>, done: string | ((value: Value) => string)) {
		this.busy = endpointId;
		this.notice = null;
		try {
			const outcome = await action();
			this.notice = outcome.ok
				? { ok: true, text: typeof done === 'string' ? done : done(outcome.value) }
				: { ok: false, text: outcome.message ?? 'That did not work.' };
		} finally {
			this.busy = null;
		}
		await invalidateAll();
	}
}
