import { graphql } from '$lib/gql';

export const CustomerMatchesQuery = graphql(`
	query CustomerMatches($search: String!) {
		customers(search: $search, first: 8) {
			edges {
				node {
					id
					name
					company
					phone
				}
			}
		}
	}
`);

export const CustomerChoicesQuery = graphql(`
	query CustomerChoices($id: ID!) {
		node(id: $id) {
			__typename
			... on Customer {
				id
				vehicles {
					id
					displayName
					licensePlate
				}
				addresses {
					...ServiceAddressChoice
				}
			}
		}
	}
`);

export const ServiceAddressChoiceFragment = graphql(`
	fragment ServiceAddressChoice on ServiceAddress {
		id
		label
		oneLine
	}
`);

export const NewWorkOrderAddressMutation = graphql(`
	mutation NewWorkOrderAddress($input: CreateServiceAddressInput!) {
		createServiceAddress(input: $input) {
			__typename
			...MutationError
			... on MutationCreateServiceAddressSuccess {
				serviceAddress {
					...ServiceAddressChoice
				}
			}
		}
	}
`);

export const CreateWorkOrderMutation = graphql(`
	mutation CreateWorkOrder($input: CreateWorkOrderInput!) {
		createWorkOrder(input: $input) {
			__typename
			...MutationError
			... on ConflictError {
				conflictingWorkOrder {
					...ConflictingWorkOrder
				}
			}
			... on OutsideAvailabilityError {
				kind
			}
			... on MutationCreateWorkOrderSuccess {
				workOrder {
					...ScheduleWorkOrder
				}
			}
		}
	}
`);

/** The free windows nearest the wanted start, offered when it conflicts or the technician is unavailable. */
export const NearestSlotsQuery = graphql(`
	query NearestSlots($serviceTypeId: ID!, $date: Date!, $technicianId: ID, $near: DateTime, $durationMinutes: Int) {
		availableSlots(serviceTypeId: $serviceTypeId, date: $date, technicianId: $technicianId, near: $near, durationMinutes: $durationMinutes, first: 3) {
			windowStart
			windowEnd
			technician {
				id
				name
			}
		}
	}
`);

/** Enough of the job in the way to name it: "Maria Lopez is already booked for WO-1042 at 10:30 AM". */
export const ConflictingWorkOrderFragment = graphql(`
	fragment ConflictingWorkOrder on WorkOrder {
		id
		label
		windowStart
		technician {
			id
			name
		}
	}
`);

/** Why updateWorkOrder refused a move or a reschedule: the same for the board and the work order's page. */
export const UpdateWorkOrderErrorFragment = graphql(`
	fragment UpdateWorkOrderError on MutationUpdateWorkOrderResult {
		...MutationError
		... on ConflictError {
			conflictingWorkOrder {
				...ConflictingWorkOrder
			}
		}
		... on NotEditableError {
			currentStatus
		}
		... on StaleWriteError {
			currentStatus
		}
	}
`);

/** What the new work order modal offers: active service types and technicians. */
export const NewWorkOrderOptionsQuery = graphql(`
	query NewWorkOrderOptions {
		serviceTypes {
			id
			name
			defaultPriceMinor
			defaultDurationMinutes
		}
		technicians {
			id
			name
			color
		}
	}
`);
