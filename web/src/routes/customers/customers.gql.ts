import { graphql } from '$lib/gql';

export const CustomersPageQuery = graphql(`
	query CustomersPage($search: String) {
		customers(search: $search, first: 50) {
			edges {
				node {
					id
					name
					company
					email
					phone
					isFleet
				}
			}
			pageInfo {
				hasNextPage
			}
		}
	}
`);

export const CreateCustomerMutation = graphql(`
	mutation CreateCustomer($input: CreateCustomerInput!) {
		createCustomer(input: $input) {
			__typename
			...MutationError
			... on MutationCreateCustomerSuccess {
				customer {
					id
				}
			}
		}
	}
`);
