import { graphql } from '$lib/gql';

export const MyDayJobFragment = graphql(`
	fragment MyDayJob on WorkOrder {
		id
		label
		status
		version
		windowStart
		windowEnd
		nextStatuses
		movesAhead {
			from
			to
		}
		customerNotes
		internalNotes
		customer {
			name
			phone
		}
		vehicle {
			displayName
			color
			licensePlate
		}
		serviceAddress {
			label
			oneLine
			accessNotes
		}
		serviceType {
			name
		}
	}
`);

export const MyDayQuery = graphql(`
	query MyDay($date: Date!) {
		viewer {
			technician {
				id
				name
			}
		}
		workOrders(filter: { from: $date, to: $date }, first: 100) {
			edges {
				node {
					...MyDayJob
					events {
						seq
					}
				}
			}
		}
	}
`);

export const MyAssignmentsSubscription = graphql(`
	subscription MyAssignments($after: String) {
		myAssignments(after: $after) {
			seq
			workOrder {
				...MyDayJob
			}
		}
	}
`);

export const AdvanceJobMutation = graphql(`
	mutation AdvanceJob($input: TransitionWorkOrderInput!) {
		transitionWorkOrder(input: $input) {
			__typename
			... on Error {
				message
			}
			... on InvalidTransitionError {
				currentStatus
			}
			... on MutationTransitionWorkOrderSuccess {
				workOrder {
					...MyDayJob
				}
			}
		}
	}
`);
