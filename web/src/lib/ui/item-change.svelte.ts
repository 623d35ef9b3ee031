import type { Failure } from './outcome';

/** What a change came to: a sentence saying what it did, nothing to say, or why it was refused. */
export type Said = string | null | { error: string | null };

/** A mutation's outcome as a change says it: `done` when it worked, else the API's reason (its field's, when it names one). */
export function saidOf(outcome: { ok: true } | Failure, done: string): Said {
	if (outcome.ok) return done;
	return { error: outcome.message ?? Object.values(outcome.fieldErrors)[0] ?? 'That did not work.' };
}

/**
 * One change at a time to an item of a list (archive it, switch it off, change its role): which item's change
 * is on its way, and what came of the last one. The list is loaded again after each, whatever the answer.
 */
export class ItemChange {
	/** The id of the item whose change is on its way. */
	busy = $state<string | null>(null);
	notice = $state<string | null>(null);
	error = $state<string | null>(null);
	readonly #onsettled: () => void;

	constructor(onsettled: () => void) {
		this.#onsettled = onsettled;
	}

	/** Forgets what came of the last change (another action begins). */
	clear = () => {
		this.notice = null;
		this.error = null;
	};

	run = async (id: string, change: () => Promise<Said>) => {
		this.busy = id;
		this.clear();
		const said = await change();
		if (typeof said === 'string') this.notice = said;
		else if (said) this.error = said.error;
		this.busy = null;
		this.#onsettled();
	};
}
