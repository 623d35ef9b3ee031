import { goto } from '$app/navigation';
import { session } from '$lib/session.svelte';

export const SIGNED_OUT_NOTICE = 'You were signed out. Sign in again.';

let checking: Promise<void> | null = null;

/** Does the API still take this token? `viewer` is null for a caller without a valid credential. */
async function stillSignedIn(token: string): Promise<boolean> {
	try {
		const response = await fetch('/graphql', {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ query: '{ viewer { name } }' })
		});
		const body = (await response.json()) as { data?: { viewer: unknown } | null };
		return body.data?.viewer !== null;
	} catch {
		// The API being away says nothing about the credential: keep the session.
		return true;
	}
}

/** Ends this tab's session, which the API no longer takes, so that the login page says why. */
export function signOutEnded(): void {
	session.signOut(SIGNED_OUT_NOTICE);
}

/**
 * Called whenever the API refuses this browser's credential (a FORBIDDEN answer, a 4403 close). A
 * FORBIDDEN answer may also refuse one action to a caller who is still signed in, so the API is asked
 * whether the token itself still holds; when it does not, the session ends and the login page says why.
 */
export function checkSignedIn(token: string): Promise<void> {
	checking ??= (async () => {
		if (session.current?.token === token && !(await stillSignedIn(token)) && session.current?.token === token) {
			signOutEnded();
			await goto('/login');
		}
	})().finally(() => (checking = null));
	return checking;
}
