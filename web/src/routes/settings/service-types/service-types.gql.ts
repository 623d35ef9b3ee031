import { graphql } from '$lib/gql';

export const ServiceTypeRowFragment = graphql(`
	fragment ServiceTypeRow on ServiceType {
		id
		name
		description
		defaultPrice {
			amountMinor
			currency
		}
		defaultDurationMinutes
		active
	}
`);

export const SettingsServiceTypesQuery = graphql(`
	query SettingsServiceTypes($includeArchived: Boolean!) {
		serviceTypes(includeArchived: $includeArchived) {
			...ServiceTypeRow
		}
	}
`);

export const CreateServiceTypeMutation = graphql(`
	mutation CreateServiceType($input: CreateServiceTypeInput!) {
		createServiceType(input: $input) {
			__typename
			...MutationError
			... on MutationCreateServiceTypeSuccess {
				serviceType {
					...ServiceTypeRow
				}
			}
		}
	}
`);

export const UpdateServiceTypeMutation = graphql(`
	mutation UpdateServiceType($input: UpdateServiceTypeInput!) {
		updateServiceType(input: $input) {
			__typename
			...MutationError
			... on MutationUpdateServiceTypeSuccess {
				serviceType {
					...ServiceTypeRow
				}
			}
		}
	}
`);

export const ArchiveServiceTypeMutation = graphql(`
	mutation ArchiveServiceType($input: ServiceTypeIdInput!) {
		archiveServiceType(input: $input) {
			__typename
			... on Error {
				message
			}
			... on MutationArchiveServiceTypeSuccess {
				serviceType {
					...ServiceTypeRow
				}
			}
		}
	}
`);

export const DeleteServiceTypeMutation = graphql(`
	mutation DeleteServiceType($input: ServiceTypeIdInput!) {
		deleteServiceType(input: $input) {
			__typename
			... on Error {
				message
			}
			... on MutationDeleteServiceTypeSuccess {
				archived
				serviceType {
					...ServiceTypeRow
				}
			}
		}
	}
`);
