import { graphql } from '$lib/gql';

export const UsersPageQuery = graphql(`
	query UsersPage {
		users {
			...UserRow
		}
		technicians {
			id
			name
		}
	}
`);

export const UpdateUserMutation = graphql(`
	mutation UpdateUser($input: UpdateUserInput!) {
		updateUser(input: $input) {
			__typename
			...MutationError
			... on MutationUpdateUserSuccess {
				user {
					...UserRow
				}
			}
		}
	}
`);
