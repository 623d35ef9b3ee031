import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { TechniciansPageQuery } from './technicians.gql';

export const load: PageLoad = async ({ url }) => {
	admit(url);
	return pageData(TechniciansPageQuery, {});
};
