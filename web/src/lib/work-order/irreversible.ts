import type { WorkOrderStatus } from '$lib/gql/graphql';
import type { Question } from '$lib/ui/confirmation.svelte';

/**
 * What is asked before moving a job to `status`, when that move cannot be taken back: completing issues the
 * invoice, a no-show ends the job (both are terminal, docs/design.md). Canceling asks for its reason instead.
 */
export function questionBeforeMove(status: WorkOrderStatus, job: { label: string; customer: { name: string } }): Question | null {
	if (status === 'COMPLETED') return { sentence: `Complete ${job.label}? This issues the invoice to ${job.customer.name} and cannot be undone.`, yes: 'Complete and invoice', no: 'Not yet' };
	if (status === 'NO_SHOW') return { sentence: `End ${job.label} as a no-show? ${job.customer.name} was not there; this cannot be undone.`, yes: 'End as no-show', no: 'Not yet' };
	return null;
}

/** Asked before a filled-in form is closed without saving. */
export const DISCARD_TYPED: Question = { sentence: 'Close this form? What you typed here will be lost.', yes: 'Discard', no: 'Keep editing' };
