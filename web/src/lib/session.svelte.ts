import type { Permission, Role } from '$lib/gql/graphql';

export interface SignedIn {
	token: string;
	name: string;
	role: Role;
	organization: { name: string; timeZone: string; currency: string };
	/** What the API says this caller may read and do (Viewer.permissions). */
	permissions: Permission[];
	technicianId: string | null;
	customerId: string | null;
}

const STORAGE_KEY = 'dispatch.session';
/** Kept for this tab only, so that a reload of the login page still says why. */
const NOTICE_KEY = 'dispatch.signed-out-notice';

function load(): SignedIn | null {
	try {
		const raw = localStorage.getItem(STORAGE_KEY);
		const stored = raw ? (JSON.parse(raw) as Partial<SignedIn>) : null;
		// A session kept before the API told its permissions signs in again.
		return stored && Array.isArray(stored.permissions) ? (stored as SignedIn) : null;
	} catch {
		return null;
	}
}

/** Who is signed in on this browser; kept in localStorage so a reload keeps the session. */
class Session {
	current = $state<SignedIn | null>(load());
	/** Why the last session ended, when the person did not end it themselves (shown on the login page). */
	notice = $state<string | null>(sessionStorage.getItem(NOTICE_KEY));

	signIn(session: SignedIn) {
		this.current = session;
		this.notice = null;
		sessionStorage.removeItem(NOTICE_KEY);
		localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
	}

	signOut(notice: string | null = null) {
		this.current = null;
		this.notice = notice;
		if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
		else sessionStorage.removeItem(NOTICE_KEY);
		localStorage.removeItem(STORAGE_KEY);
	}

	/** Does the API let the signed-in caller do this? Pages offer an action only then. */
	can(permission: Permission): boolean {
		return this.current?.permissions.includes(permission) ?? false;
	}
}

export const session = new Session();
