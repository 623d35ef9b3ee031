import { graphql } from '$lib/gql';

export const LoginMutation = graphql(`
	mutation Login($input: LoginInput!) {
		login(input: $input) {
			__typename
			... on Error {
				message
			}
			... on ValidationError {
				fieldErrors {
					path
					message
				}
			}
			... on MutationLoginSuccess {
				session {
					token
					viewer {
						name
						role
						permissions
						technician {
							id
						}
						customer {
							id
						}
						organization {
							name
							timeZone
							currency
						}
					}
				}
			}
		}
	}
`);
