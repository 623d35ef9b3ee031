import { todayIn } from '$lib/format';
import { admit, pageData, pageDataOrNull } from '$lib/load';
import { filtersFromUrl, listVariables } from '$lib/work-orders/list-filters';
import type { PageLoad } from './$types';
import { FilterCustomerQuery, LastEventSeqQuery, ListFilterOptionsQuery, WorkOrdersListQuery } from './work-orders.gql';

/**
 * The page of work orders the URL names, what the filters offer, and the name of the customer filtered by
 * (a shared link carries only the ID). Where the change log stands is read first: following it from there,
 * a change made while the list is read is not missed.
 */
export const load: PageLoad = async ({ url }) => {
	const viewer = admit(url);
	const today = todayIn(viewer.organization.timeZone);
	const filters = filtersFromUrl(url.searchParams, today);
	const { lastEventSeq } = await pageData(LastEventSeqQuery, {});
	const [list, options, filterCustomer] = await Promise.all([
		pageData(WorkOrdersListQuery, listVariables(filters)),
		pageDataOrNull(ListFilterOptionsQuery, {}),
		filters.customer ? pageDataOrNull(FilterCustomerQuery, { id: filters.customer }) : null
	]);
	const node = filterCustomer?.node;
	return {
		today,
		after: lastEventSeq,
		workOrders: list.workOrders.edges.map((edge) => edge.node),
		pageInfo: list.workOrders.pageInfo,
		technicians: options?.technicians ?? [],
		customer: node?.__typename === 'Customer' ? { id: node.id, name: node.name, company: null, phone: null } : null
	};
};
