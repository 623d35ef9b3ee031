import { graphql } from '$lib/gql';

export const UserRowFragment = graphql(`
	fragment UserRow on User {
		id
		email
		name
		role
		active
		canChange
		technician {
			id
			name
		}
		customer {
			id
			name
		}
	}
`);

export const CreateUserMutation = graphql(`
	mutation CreateUser($input: CreateUserInput!) {
		createUser(input: $input) {
			__typename
			...MutationError
			... on MutationCreateUserSuccess {
				user {
					...UserRow
				}
			}
		}
	}
`);
