import type { Attachment } from 'svelte/attachments';

/** Attach to the element around a form that has just appeared: the focus moves to its first field. */
export const focusFirstField: Attachment<HTMLElement> = (element) => {
	element.querySelector<HTMLElement>('input, select, textarea')?.focus();
};
