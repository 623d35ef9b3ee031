import { admit, pageData } from '$lib/load';
import type { PageLoad } from './$types';
import { WorkOrderPageQuery } from './work-order.gql';

/** The work order (null when it does not exist or is not the caller's to see), and the names its timeline shows. */
export const load: PageLoad = async ({ url, params }) => {
	admit(url);
	return pageData(WorkOrderPageQuery, { id: params.id });
};
