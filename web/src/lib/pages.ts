import type { Permission } from '$lib/gql/graphql';
import type { SignedIn } from '$lib/session.svelte';

/**
 * Each page, and what its caller must be allowed to do for it, in the API's own terms
 * (`Viewer.permissions`): the web asks the API what a caller may do and copies no role table.
 */
interface Page {
	href: string;
	label: string;
	/** Shown in the navigation; detail pages are reached from a list. */
	inNavigation: boolean;
	opens: (viewer: SignedIn) => boolean;
}

const needs =
	(...permissions: Permission[]) =>
	(viewer: SignedIn) =>
		permissions.every((permission) => viewer.permissions.includes(permission));

// In the order of the navigation; the first a caller may open is where it starts.
const PAGES: Page[] = [
	// The board shows every technician's column, and a job's page offers the technicians to assign.
	{ href: '/schedule', label: 'Schedule', inNavigation: true, opens: needs('READ_SCHEDULE', 'READ_TECHNICIAN') },
	{ href: '/my-day', label: 'My day', inNavigation: true, opens: (viewer) => viewer.technicianId !== null },
	{ href: '/portal', label: 'My work orders', inNavigation: true, opens: (viewer) => viewer.customerId !== null },
	{ href: '/work-orders', label: 'Work orders', inNavigation: true, opens: needs('READ_WORK_ORDER', 'READ_TECHNICIAN') },
	{ href: '/customers', label: 'Customers', inNavigation: true, opens: needs('READ_CUSTOMER') },
	{ href: '/technicians', label: 'Technicians', inNavigation: true, opens: needs('READ_TECHNICIAN') },
	{ href: '/settings/service-types', label: 'Service types', inNavigation: true, opens: needs('READ_SERVICE_TYPE', 'WRITE_SETTINGS') },
	{ href: '/settings/api-keys', label: 'API keys', inNavigation: true, opens: needs('MANAGE_ACCESS') },
	{ href: '/settings/webhooks', label: 'Webhooks', inNavigation: true, opens: needs('READ_WEBHOOK_ENDPOINT') },
	{ href: '/settings/users', label: 'Users', inNavigation: true, opens: needs('READ_USER', 'MANAGE_ACCESS') }
];

const pageOf = (pathname: string) => PAGES.find((page) => pathname === page.href || pathname.startsWith(`${page.href}/`));

export function navigationFor(viewer: SignedIn): { href: string; label: string }[] {
	return PAGES.filter((page) => page.inNavigation && page.opens(viewer));
}

/** Where a caller lands after signing in, and when it opens a page that is not for it. */
export function startPageOf(viewer: SignedIn): string {
	return PAGES.find((page) => page.inNavigation && page.opens(viewer))?.href ?? '/login';
}

/** May this caller open this path? Paths that are no page of ours (a 404) are left to the router. */
export function mayOpen(viewer: SignedIn, pathname: string): boolean {
	if (pathname === '/settings') return mayOpen(viewer, '/settings/service-types');
	return pageOf(pathname)?.opens(viewer) ?? true;
}

/** The navigation's name of a page ("Work orders"), or null for a path that is none of its pages. */
export function navigationLabelOf(pathname: string): string | null {
	return PAGES.find((page) => page.inNavigation && page.href === pathname)?.label ?? null;
}
