import { error, redirect } from '@sveltejs/kit';
import type { AnyVariables, TypedDocumentNode } from '@urql/core';
import { client } from '$lib/client';
import { mayOpen, startPageOf } from '$lib/pages';
import { session, type SignedIn } from '$lib/session.svelte';
import { isForbidden, refusedInput } from '$lib/ui/outcome';

/**
 * The first step of every page's load: a caller who may not open the page is sent to their start page
 * (or to sign in) before the page asks the API anything.
 */
export function admit(url: URL): SignedIn {
	const viewer = session.current;
	if (!viewer) redirect(307, '/login');
	if (!mayOpen(viewer, url.pathname)) redirect(307, startPageOf(viewer));
	return viewer;
}

/** Asks the API (never the cache) what a page shows: the answer, or null with the API's refusal or the network's failure. */
async function ask<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables) {
	const { data, error: failure } = await client.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
	return { data: data ?? null, failure };
}

/**
 * What a page cannot open without: its data, or the error page with the reason. A value of the page's address
 * the API refuses (an old cursor, a mistyped ID) is a bad link (400), not a failure to try again.
 */
export async function pageData<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data> {
	const { data, failure } = await ask(query, variables);
	if (data) return data;
	const refused = refusedInput(failure);
	if (refused && !isForbidden(failure)) error(400, refused);
	error(isForbidden(failure) ? 403 : 503, failure?.message ?? 'The page could not be loaded.');
}

/** For a page that opens without the network too (my day, from the copy kept on the phone): its data, or null and whether the API was out of reach. */
export async function pageAnswer<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables) {
	const { data, failure } = await ask(query, variables);
	return { data, unreachable: !data && !!failure?.networkError };
}

/** A part a page can open without (the API may refuse it to this caller, or fail it alone): its data, or null. */
export async function pageDataOrNull<Data, Variables extends AnyVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data | null> {
	return (await ask(query, variables)).data;
}
