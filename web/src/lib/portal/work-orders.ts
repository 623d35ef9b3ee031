import { dateIn } from '$lib/format';
import type { PortalWorkOrderFragment } from '$lib/gql/graphql';

export type PortalWorkOrder = PortalWorkOrderFragment;

/** Work orders of today and later, soonest first; and of earlier days, latest first. */
export function splitByDay(list: PortalWorkOrder[], today: string, timeZone: string): { upcoming: PortalWorkOrder[]; past: PortalWorkOrder[] } {
	const byStart = [...list].sort((a, b) => Date.parse(a.windowStart) - Date.parse(b.windowStart));
	const isPast = (workOrder: PortalWorkOrder) => dateIn(workOrder.windowStart, timeZone) < today;
	return { upcoming: byStart.filter((workOrder) => !isPast(workOrder)), past: byStart.filter(isPast).reverse() };
}
