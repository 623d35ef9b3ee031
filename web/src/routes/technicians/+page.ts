import { addDays, instantOf, todayIn } from '$lib/format';
import type { TechnicianAvailabilityFragment } from '$lib/gql/graphql';
import { admit, pageData } from '$lib/load';
import { TechnicianAvailabilityQuery } from '$lib/technicians/availability.gql';
import type { PageLoad } from './$types';
import { TechniciansPageQuery } from './technicians.gql';

/** The technicians, and with `?availability=` the hours and coming time off of the one whose panel is open. */
export const load: PageLoad = async ({ url }) => {
	const viewer = admit(url);
	const { timeZone } = viewer.organization;
	const today = todayIn(timeZone);
	const openId = url.searchParams.get('availability');
	const span = { from: instantOf(addDays(today, -1), '00:00', timeZone), to: instantOf(addDays(today, 365), '00:00', timeZone) };
	const [page, availability] = await Promise.all([pageData(TechniciansPageQuery, {}), openId ? pageData(TechnicianAvailabilityQuery, { id: openId, ...span }) : null]);
	const node = availability?.node;
	return { ...page, today, availability: node && 'id' in node ? (node as TechnicianAvailabilityFragment) : null };
};
