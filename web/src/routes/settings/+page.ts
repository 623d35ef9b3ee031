import { redirect } from '@sveltejs/kit';

// Settings has no page of its own: its first section is the service types.
export function load() {
	redirect(307, '/settings/service-types');
}
