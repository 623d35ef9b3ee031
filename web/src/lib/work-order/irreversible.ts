import type { WorkOrderStatus } from '$lib/gql/graphql';
import type { Question } from '$lib/ui/confirmation.svelte';

/** What is asked before moving a job to `status`, when that move cannot be taken back (completing issues the invoice). */
export function questionBeforeMove(status: WorkOrderStatus, job: { label: string; customer: { name: string } }): Question | null {
	if (status !== 'COMPLETED') return null;
	return { sentence: `Complete ${job.label}? This issues the invoice to ${job.customer.name} and cannot be undone.`, yes: 'Complete and invoice', no: 'Not yet' };
}

/** Asked before a filled-in form is closed without saving. */
export const DISCARD_TYPED: Question = { sentence: 'Close this form? What you typed here will be lost.', yes: 'Discard', no: 'Keep editing' };
