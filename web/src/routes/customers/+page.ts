import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { CustomersPageQuery } from './customers.gql';

/** `?search=` narrows the list to the customers it matches. */
export const load: PageLoad = async ({ url }) => {
	admit(url);
	const searched = url.searchParams.get('search')?.trim() ?? '';
	return { searched, ...(await pageData(CustomersPageQuery, { search: searched || null })) };
};
