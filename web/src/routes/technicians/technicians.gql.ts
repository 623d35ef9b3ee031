import { graphql } from '$lib/gql';

export const TechnicianRowFragment = graphql(`
	fragment TechnicianRow on Technician {
		id
		name
		phone
		email
		color
		active
	}
`);

export const TechniciansPageQuery = graphql(`
	query TechniciansPage {
		technicians(includeInactive: true) {
			...TechnicianRow
		}
	}
`);

export const CreateTechnicianMutation = graphql(`
	mutation CreateTechnician($input: CreateTechnicianInput!) {
		createTechnician(input: $input) {
			__typename
			...MutationError
			... on MutationCreateTechnicianSuccess {
				technician {
					...TechnicianRow
				}
			}
		}
	}
`);

export const UpdateTechnicianMutation = graphql(`
	mutation UpdateTechnician($input: UpdateTechnicianInput!) {
		updateTechnician(input: $input) {
			__typename
			...MutationError
			... on MutationUpdateTechnicianSuccess {
				technician {
					...TechnicianRow
				}
			}
		}
	}
`);
