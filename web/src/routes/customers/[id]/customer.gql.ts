import { graphql } from '$lib/gql';

export const CustomerVehicleFragment = graphql(`
	fragment CustomerVehicle on Vehicle {
		id
		displayName
		year
		make
		model
		vin
		licensePlate
		color
		notes
	}
`);

export const CustomerAddressFragment = graphql(`
	fragment CustomerAddress on ServiceAddress {
		id
		label
		street
		city
		region
		postalCode
		oneLine
		accessNotes
	}
`);

export const CustomerDetailQuery = graphql(`
	query CustomerDetail($id: ID!) {
		node(id: $id) {
			__typename
			... on Customer {
				id
				name
				company
				email
				phone
				isFleet
				vehicles {
					...CustomerVehicle
				}
				addresses {
					...CustomerAddress
				}
			}
		}
	}
`);

export const UpdateCustomerMutation = graphql(`
	mutation UpdateCustomer($input: UpdateCustomerInput!) {
		updateCustomer(input: $input) {
			__typename
			...MutationError
			... on MutationUpdateCustomerSuccess {
				customer {
					id
					name
					company
					email
					phone
					isFleet
				}
			}
		}
	}
`);

export const CreateVehicleMutation = graphql(`
	mutation CreateVehicle($input: CreateVehicleInput!) {
		createVehicle(input: $input) {
			__typename
			...MutationError
			... on MutationCreateVehicleSuccess {
				vehicle {
					...CustomerVehicle
				}
			}
		}
	}
`);

export const UpdateVehicleMutation = graphql(`
	mutation UpdateVehicle($input: UpdateVehicleInput!) {
		updateVehicle(input: $input) {
			__typename
			...MutationError
			... on MutationUpdateVehicleSuccess {
				vehicle {
					...CustomerVehicle
				}
			}
		}
	}
`);

export const CreateServiceAddressMutation = graphql(`
	mutation CreateServiceAddress($input: CreateServiceAddressInput!) {
		createServiceAddress(input: $input) {
			__typename
			...MutationError
			... on MutationCreateServiceAddressSuccess {
				serviceAddress {
					...CustomerAddress
				}
			}
		}
	}
`);

export const UpdateServiceAddressMutation = graphql(`
	mutation UpdateServiceAddress($input: UpdateServiceAddressInput!) {
		updateServiceAddress(input: $input) {
			__typename
			...MutationError
			... on MutationUpdateServiceAddressSuccess {
				serviceAddress {
					...CustomerAddress
				}
			}
		}
	}
`);

export const CustomerJobFragment = graphql(`
	fragment CustomerJob on WorkOrder {
		id
		label
		status
		windowStart
		windowEnd
		serviceType {
			id
			name
		}
		vehicle {
			id
			displayName
		}
		technician {
			id
			name
		}
		price {
			amountMinor
			currency
		}
		invoice {
			label
			total {
				amountMinor
				currency
			}
		}
	}
`);

/** Today's and later jobs, soonest first; and the latest past ones (the last page before today). */
export const CustomerJobsQuery = graphql(`
	query CustomerJobs($customerId: ID!, $today: Date!, $yesterday: Date!) {
		upcoming: workOrders(filter: { customerId: $customerId, from: $today }, first: 20) {
			edges {
				node {
					...CustomerJob
				}
			}
			pageInfo {
				hasNextPage
			}
		}
		past: workOrders(filter: { customerId: $customerId, to: $yesterday }, last: 20) {
			edges {
				node {
					...CustomerJob
				}
			}
			pageInfo {
				hasPreviousPage
			}
		}
	}
`);

/** The logins of the organization: only admins may read them, so the API's answer says whether to offer portal logins. */
export const CustomerLoginsQuery = graphql(`
	query CustomerLogins {
		users {
			...UserRow
		}
	}
`);
