import { graphql } from '$lib/gql';

// The portal is for customers: no operation here asks for internal notes.
export const PortalWorkOrderFragment = graphql(`
	fragment PortalWorkOrder on WorkOrder {
		id
		label
		status
		version
		windowStart
		windowEnd
		customerNotes
		serviceType {
			name
		}
		vehicle {
			displayName
			licensePlate
		}
		serviceAddress {
			label
			oneLine
		}
		technician {
			name
		}
		price {
			amountMinor
			currency
		}
	}
`);

export const PortalQuery = graphql(`
	query Portal($today: Date!, $yesterday: Date!) {
		viewer {
			customer {
				id
				name
				vehicles {
					id
					displayName
					licensePlate
					color
				}
			}
		}
		upcoming: workOrders(filter: { from: $today }, first: 50) {
			edges {
				node {
					...PortalWorkOrder
					events {
						seq
					}
				}
			}
		}
		past: workOrders(filter: { to: $yesterday }, last: 20) {
			edges {
				node {
					...PortalWorkOrder
					events {
						seq
					}
				}
			}
		}
	}
`);

export const PortalWorkOrdersChangedSubscription = graphql(`
	subscription PortalWorkOrdersChanged($after: String) {
		workOrdersChanged(after: $after) {
			seq
			workOrder {
				...PortalWorkOrder
			}
		}
	}
`);
