import type { WorkOrderStatus } from '$lib/gql/graphql';

/**
 * Which of the statuses the API offers get a button on the phone: the first one that is not a
 * cancellation as the big button, and "customer not here" (NO_SHOW) as a smaller one when offered.
 */
export function buttonsFor(nextStatuses: readonly WorkOrderStatus[]): { primary: WorkOrderStatus | null; secondary: WorkOrderStatus | null } {
	const primary = nextStatuses.find((status) => status !== 'CANCELED') ?? null;
	const secondary = primary !== 'NO_SHOW' && nextStatuses.includes('NO_SHOW') ? 'NO_SHOW' : null;
	return { primary, secondary };
}
