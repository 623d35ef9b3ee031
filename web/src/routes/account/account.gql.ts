import { graphql } from '$lib/gql';

export const AccountSessionsQuery = graphql(`
	query AccountSessions {
		viewer {
			sessions {
				id
				createdAt
				lastUsedAt
				userAgent
				current
			}
		}
	}
`);

export const ChangePasswordMutation = graphql(`
	mutation ChangePassword($input: ChangePasswordInput!) {
		changePassword(input: $input) {
			__typename
			...MutationError
			... on MutationChangePasswordSuccess {
				endedSessions
			}
		}
	}
`);

export const EndSessionMutation = graphql(`
	mutation EndSession($input: EndSessionInput!) {
		endSession(input: $input) {
			__typename
			...MutationError
			... on MutationEndSessionSuccess {
				session {
					id
				}
			}
		}
	}
`);

export const EndOtherSessionsMutation = graphql(`
	mutation EndOtherSessions {
		endOtherSessions {
			__typename
			...MutationError
			... on MutationEndOtherSessionsSuccess {
				endedSessions
			}
		}
	}
`);
