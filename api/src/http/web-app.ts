import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { answeredBeforeWebApp } from './static-requests.js';

/** A request handler for the paths that are not the API's. */
export type WebApp = (req: IncomingMessage, res: ServerResponse) => void;

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * The built web app (SvelteKit's adapter-node output, `web/build` after `pnpm build`): its `handler.js`
 * serves the files it built, precompressed (brotli or gzip, as the browser accepts) and, under
 * `/_app/immutable`, cached for a year, and the app shell for every other URL (with its
 * Content-Security-Policy, svelte.config.js `kit.csp`). Every other answer is revalidated before reuse.
 */
export async function loadWebApp(dir: string): Promise<WebApp> {
  const file = resolve(dir, 'handler.js');
  if (!existsSync(file)) throw new Error(`WEB_BUILD_DIR=${dir} holds no built web app (no handler.js): run pnpm build first`);
  const { handler } = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
  return (req, res) => {
    for (const [name, value] of Object.entries(WEB_HEADERS)) res.setHeader(name, value);
    if (answeredBeforeWebApp(req, res)) return;
    // The file server sets the year itself, but not on a 304, which would otherwise say no-cache.
    res.setHeader('cache-control', req.url?.startsWith(IMMUTABLE) ? IMMUTABLE_CACHE : 'no-cache');
    handler(req, res);
  };
}

const IMMUTABLE = '/_app/immutable/';
const IMMUTABLE_CACHE = 'public,max-age=31536000,immutable';

/** What every page and file says about how a browser may use it: never framed, never sniffed, no referrer elsewhere. */
const WEB_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};
