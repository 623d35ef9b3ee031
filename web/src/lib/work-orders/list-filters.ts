import type { WorkOrderFilter, WorkOrderStatus } from '$lib/gql/graphql';
import { STATUS_LABEL, isDate } from '../format';

/**
 * What the work orders list shows, as kept in its URL: `?q=…&status=…&technician=…&customer=…&from=…&to=…&after=…`.
 * With no `from` the list starts at today, where a dispatcher's work is; `from=` (empty) lifts the bound.
 */
export interface ListFilters {
	search: string;
	statuses: WorkOrderStatus[];
	/** A technician's ID, or UNASSIGNED for the queue. */
	technician: string;
	customer: string;
	/** The first day shown ('' for no first day). */
	from: string;
	to: string;
	/** The page: after one cursor, or before one (going back). */
	after: string;
	before: string;
}

export const UNASSIGNED = 'unassigned';
export const PAGE_SIZE = 25;

const isStatus = (value: string): value is WorkOrderStatus => value in STATUS_LABEL;

/** The filters a URL names, `today` being the organization's. */
export function filtersFromUrl(params: URLSearchParams, today: string): ListFilters {
	const date = (name: string) => {
		const value = params.get(name) ?? '';
		return isDate(value) ? value : '';
	};
	return {
		search: params.get('q') ?? '',
		statuses: params.getAll('status').filter(isStatus),
		technician: params.get('technician') ?? '',
		customer: params.get('customer') ?? '',
		from: params.has('from') ? date('from') : today,
		to: date('to'),
		after: params.get('after') ?? '',
		before: params.get('before') ?? ''
	};
}

/** The list's address for these filters; the ones as the list opens are left out, so today's list is just /work-orders. */
export function listUrl(filters: ListFilters, today: string): string {
	const params = new URLSearchParams();
	if (filters.search.trim()) params.set('q', filters.search.trim());
	for (const status of filters.statuses) params.append('status', status);
	if (filters.from !== today) params.set('from', filters.from);
	const rest = { technician: filters.technician, customer: filters.customer, to: filters.to, after: filters.after, before: filters.before };
	for (const [name, value] of Object.entries(rest)) if (value) params.set(name, value);
	const query = params.toString();
	return query ? `/work-orders?${query}` : '/work-orders';
}

/** The list's address with only these filters set, the others as the list opens (a link from another page). */
export function listUrlWith(filters: Partial<ListFilters>, today: string): string {
	return listUrl({ ...filtersFromUrl(new URLSearchParams(), today), ...filters }, today);
}

/** The same filters on the first page (any change of filter starts from the top). */
export function firstPage(filters: ListFilters): ListFilters {
	return { ...filters, after: '', before: '' };
}

/** The variables of the list query: `workOrders(first | last, after | before, filter)`. */
export function listVariables(filters: ListFilters) {
	const filter: WorkOrderFilter = {
		search: filters.search.trim() || null,
		statuses: filters.statuses.length ? filters.statuses : null,
		technicianId: filters.technician && filters.technician !== UNASSIGNED ? filters.technician : null,
		unassigned: filters.technician === UNASSIGNED || null,
		customerId: filters.customer || null,
		from: filters.from || null,
		to: filters.to || null
	};
	return filters.before
		? { filter, last: PAGE_SIZE, before: filters.before, first: null, after: null }
		: { filter, first: PAGE_SIZE, after: filters.after || null, last: null, before: null };
}
