import type { Attachment } from 'svelte/attachments';
import { focusFirstField } from './focus';
import type { Failure } from './outcome';
import { Submission } from './submission.svelte';

/** Creates (`target` is 'new') or updates (`target` is the item's id) from a form's values. */
type Save<Values> = (target: string, values: Values) => Promise<{ ok: true; value: object } | Failure>;

/**
 * The inline forms of a list that adds and edits its items in place: which form is open (none, 'new', or the
 * id of the item being edited) and its submission. A successful save closes the form and calls `onsaved`.
 * The focus follows: into the form's first field when it opens, back to the button that opened it when it closes.
 */
export class InlineEditor<Values> {
	/** The open form: none, 'new', or the id of the item being edited. */
	target = $state<string | null>(null);
	/** The form that just closed, whose opener takes the focus back when it is on the page again. */
	#closed = $state<string | null>(null);
	readonly submission = new Submission();
	readonly #save: Save<Values>;
	readonly #onsaved: () => void;

	constructor(save: Save<Values>, onsaved: () => void) {
		this.#save = save;
		this.#onsaved = onsaved;
	}

	/** Opens the form for `target` ('new' or an id), or closes it with null, without the last form's errors. */
	open = (target: string | null) => {
		this.submission.reset();
		this.#closed = target === null ? this.target : null;
		this.target = target;
	};

	/** Saves the open form's values: on success the form closes and `onsaved` runs; otherwise its errors show. */
	submit = async (values: Values) => {
		const target = this.target;
		const saved = await this.submission.run(() => this.#save(target!, values));
		if (saved) {
			this.#closed = target;
			this.target = null;
			this.#onsaved();
		}
	};

	/** Gives the focus back to the opener of `target` when what its form left on the page (a secret shown once) goes away. */
	giveBack = (target: string) => {
		this.#closed = target;
	};

	/** Attach to the button that opens the form for `target` ('new' or an id): the focus comes back to it when that form closes. */
	opener =
		(target: string): Attachment<HTMLElement> =>
		(button) => {
			if (this.#closed !== target) return;
			this.#closed = null;
			button.focus();
		};

	/** Attach to the element around an open form: the focus moves to its first field. */
	readonly form: Attachment<HTMLElement> = focusFirstField;
}
