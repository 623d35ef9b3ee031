import { addDays, todayIn } from '$lib/format';
import { admit, pageData, pageDataOrNull } from '$lib/load';
import { NewWorkOrderOptionsQuery } from '$lib/work-order/new-work-order.gql';
import type { PageLoad } from './$types';
import { CustomerDetailQuery, CustomerJobsQuery, CustomerLoginsQuery } from './customer.gql';

/** The customer, their jobs either side of today, and what only some callers may see: their portal logins, what "Book" offers. */
export const load: PageLoad = async ({ url, params }) => {
	const viewer = admit(url);
	const today = todayIn(viewer.organization.timeZone);
	const [detail, jobs, logins, bookingOptions] = await Promise.all([
		pageData(CustomerDetailQuery, { id: params.id }),
		pageDataOrNull(CustomerJobsQuery, { customerId: params.id, today, yesterday: addDays(today, -1) }),
		pageDataOrNull(CustomerLoginsQuery, {}),
		pageDataOrNull(NewWorkOrderOptionsQuery, {})
	]);
	return { today, customer: detail.node?.__typename === 'Customer' ? detail.node : null, jobs, logins, bookingOptions };
};
