import { graphql } from '$lib/gql';

export const WorkOrderDetailFragment = graphql(`
	fragment WorkOrderDetail on WorkOrder {
		id
		label
		status
		version
		windowStart
		windowEnd
		durationMinutes
		cancelReason
		priceMinor
		customerNotes
		internalNotes
		customer {
			id
			name
			company
			phone
			email
		}
		vehicle {
			id
			displayName
			licensePlate
			color
		}
		serviceType {
			id
			name
		}
		serviceAddress {
			id
			label
			oneLine
			accessNotes
		}
		technician {
			id
			name
			color
		}
		nextStatuses
		canEdit
		events {
			...DetailTimelineEvent
		}
		invoice {
			...DetailInvoice
		}
	}
`);

export const DetailTimelineEventFragment = graphql(`
	fragment DetailTimelineEvent on WorkOrderEvent {
		seq
		type
		actorName
		at
		before {
			...DetailTimelineSnapshot
		}
		after {
			...DetailTimelineSnapshot
		}
		availabilityOverride {
			kind
		}
	}
`);

export const DetailTimelineSnapshotFragment = graphql(`
	fragment DetailTimelineSnapshot on WorkOrderSnapshot {
		status
		technicianId
		serviceTypeId
		vehicleId
		windowStart
		windowEnd
		priceMinor
		durationMinutes
		customerNotes
		internalNotes
		cancelReason
	}
`);

export const DetailInvoiceFragment = graphql(`
	fragment DetailInvoice on Invoice {
		label
		issuedAt
		currency
		lines {
			description
			quantity
			unitPriceMinor
			amountMinor
		}
		total {
			amountMinor
			currency
		}
	}
`);

export const WorkOrderPageQuery = graphql(`
	query WorkOrderPage($id: ID!) {
		workOrder(id: $id) {
			...WorkOrderDetail
			customer {
				id
				vehicles {
					id
					displayName
					licensePlate
				}
			}
		}
		serviceTypes(includeArchived: true) {
			id
			name
			defaultPriceMinor
			active
		}
		technicians(includeInactive: true) {
			id
			name
			color
			active
		}
	}
`);

export const WorkOrderChangedSubscription = graphql(`
	subscription WorkOrderChanged($id: ID!, $after: String) {
		workOrderChanged(id: $id, after: $after) {
			seq
			workOrder {
				...WorkOrderDetail
			}
		}
	}
`);

export const TransitionWorkOrderMutation = graphql(`
	mutation TransitionWorkOrder($input: TransitionWorkOrderInput!) {
		transitionWorkOrder(input: $input) {
			__typename
			...MutationError
			... on InvalidTransitionError {
				currentStatus
			}
			... on StaleWriteError {
				currentStatus
			}
			... on MutationTransitionWorkOrderSuccess {
				workOrder {
					...WorkOrderDetail
				}
			}
		}
	}
`);

export const UpdateWorkOrderMutation = graphql(`
	mutation UpdateWorkOrder($input: UpdateWorkOrderInput!) {
		updateWorkOrder(input: $input) {
			__typename
			...UpdateWorkOrderError
			... on MutationUpdateWorkOrderSuccess {
				workOrder {
					...WorkOrderDetail
				}
			}
		}
	}
`);
