import type { Failure } from './outcome';

/**
 * The state of one form's submission: busy while the mutation runs, then either the success value
 * or the API's errors (per field, and one message for the form).
 */
export class Submission {
	busy = $state(false);
	errors = $state<Record<string, string>>({});
	message = $state<string | null>(null);

	async run<T>(attempt: () => Promise<{ ok: true; value: T } | Failure>): Promise<T | null> {
		this.busy = true;
		this.errors = {};
		this.message = null;
		try {
			const outcome = await attempt();
			if (outcome.ok) return outcome.value;
			this.errors = outcome.fieldErrors;
			this.message = outcome.message;
			return null;
		} finally {
			this.busy = false;
		}
	}

	reset() {
		this.errors = {};
		this.message = null;
	}
}
