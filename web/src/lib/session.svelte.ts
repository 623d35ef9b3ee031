import type { Role } from '$lib/gql/graphql';

export interface SignedIn {
	token: string;
	name: string;
	role: Role;
	organization: { name: string; timeZone: string; currency: string };
}

const STORAGE_KEY = 'dispatch.session';

function load(): SignedIn | null {
	try {
		const raw = localStorage.getItem(STORAGE_KEY);
		return raw ? (JSON.parse(raw) as SignedIn) : null;
	} catch {
		return null;
	}
}

/** Who is signed in on this browser; kept in localStorage so a reload keeps the session. */
class Session {
	current = $state<SignedIn | null>(load());

	signIn(session: SignedIn) {
		this.current = session;
		localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
	}

	signOut() {
		this.current = null;
		localStorage.removeItem(STORAGE_KEY);
	}
}

export const session = new Session();

/** Where each role starts, and what it may open. */
export const HOME: Record<Role, string> = {
	ADMIN: '/schedule',
	DISPATCHER: '/schedule',
	TECHNICIAN: '/my-day',
	CUSTOMER: '/portal'
};

export const NAVIGATION: Record<Role, { href: string; label: string }[]> = {
	ADMIN: [
		{ href: '/schedule', label: 'Schedule' },
		{ href: '/work-orders', label: 'Work orders' },
		{ href: '/customers', label: 'Customers' },
		{ href: '/technicians', label: 'Technicians' },
		{ href: '/settings/service-types', label: 'Service types' },
		{ href: '/settings/api-keys', label: 'API keys' },
		{ href: '/settings/users', label: 'Users' }
	],
	DISPATCHER: [
		{ href: '/schedule', label: 'Schedule' },
		{ href: '/work-orders', label: 'Work orders' },
		{ href: '/customers', label: 'Customers' },
		{ href: '/technicians', label: 'Technicians' },
		{ href: '/settings/service-types', label: 'Service types' }
	],
	TECHNICIAN: [{ href: '/my-day', label: 'My day' }],
	CUSTOMER: [{ href: '/portal', label: 'My work orders' }]
};
