import { graphql } from '$lib/gql';

export const WorkOrderRowFragment = graphql(`
	fragment WorkOrderRow on WorkOrder {
		id
		label
		status
		windowStart
		windowEnd
		customer {
			id
			name
		}
		vehicle {
			id
			displayName
			licensePlate
		}
		serviceType {
			id
			name
		}
		technician {
			id
			name
			color
		}
		price {
			amountMinor
			currency
		}
	}
`);

export const WorkOrdersListQuery = graphql(`
	query WorkOrdersList($filter: WorkOrderFilter, $first: Int, $after: String, $last: Int, $before: String) {
		workOrders(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
			edges {
				node {
					...WorkOrderRow
				}
			}
			pageInfo {
				hasNextPage
				hasPreviousPage
				startCursor
				endCursor
			}
		}
	}
`);

/** Read before the list: changes after it are followed, so none is missed between the read and the subscription. */
export const LastEventSeqQuery = graphql(`
	query LastEventSeq {
		lastEventSeq
	}
`);

export const WorkOrdersChangedSubscription = graphql(`
	subscription WorkOrdersChanged($after: String) {
		workOrdersChanged(after: $after) {
			seq
		}
	}
`);

export const ListFilterOptionsQuery = graphql(`
	query ListFilterOptions {
		technicians(includeInactive: true) {
			id
			name
			active
		}
	}
`);

export const FilterCustomerQuery = graphql(`
	query FilterCustomer($id: ID!) {
		node(id: $id) {
			__typename
			... on Customer {
				id
				name
			}
		}
	}
`);
