import type { HandleClientError } from '@sveltejs/kit';

/** An unknown URL is a wrong link, not a fault of the app: +error.svelte says so and the console stays quiet. */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
