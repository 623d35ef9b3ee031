/** One question asked before an action that cannot be undone: the sentence, and the two answers' labels. */
export interface Question {
	sentence: string;
	yes: string;
	no: string;
}

/**
 * The question a page is asking, if any, and its answer as a promise: `if (!(await confirmation.ask(q))) return;`.
 * A <ConfirmDialog> given this object shows it.
 */
export class Confirmation {
	asking = $state.raw<Question | null>(null);
	#resolve: ((yes: boolean) => void) | null = null;

	ask(question: Question): Promise<boolean> {
		this.#resolve?.(false);
		this.asking = question;
		return new Promise((resolve) => (this.#resolve = resolve));
	}

	answer(yes: boolean): void {
		const resolve = this.#resolve;
		this.#resolve = null;
		this.asking = null;
		resolve?.(yes);
	}
}
