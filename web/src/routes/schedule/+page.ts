import { redirect } from '@sveltejs/kit';
import { isDate, todayIn } from '$lib/format';
import { admit, pageData, pageDataOrNull } from '$lib/load';
import { scheduleFrom } from '$lib/schedule/schedule';
import { NewWorkOrderOptionsQuery } from '$lib/work-order/new-work-order.gql';
import type { PageLoad } from './$types';
import { ScheduleQuery } from './schedule.gql';

/** The day in `?date=` (today when there is none, so a reload or a shared link opens the same day), and what "New work order" offers. */
export const load: PageLoad = async ({ url }) => {
	const viewer = admit(url);
	const date = url.searchParams.get('date');
	if (!isDate(date)) redirect(307, `/schedule?date=${todayIn(viewer.organization.timeZone)}`);
	const [day, options] = await Promise.all([pageData(ScheduleQuery, { date }), pageDataOrNull(NewWorkOrderOptionsQuery, {})]);
	return { date, ...scheduleFrom(day.schedule), options };
};
