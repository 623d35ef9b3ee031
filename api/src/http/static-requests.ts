import type { IncomingMessage, ServerResponse } from 'node:http';

/** The methods the web app answers: its pages and files are only read (it has no form actions or endpoints). */
const ALLOWED = 'GET, HEAD, OPTIONS';
/** The codings the build stores each file in, best first. */
const STORED_CODINGS = ['br', 'gzip'] as const;
type Coding = (typeof STORED_CODINGS)[number] | 'identity';

/**
 * Answers what the web app's file server (sirv, in SvelteKit's adapter-node) gets wrong, and puts every
 * other request in a shape it handles right; true when it answered:
 * - a method other than GET and HEAD is 405 (OPTIONS 204), both with Allow, where sirv would send the file;
 * - Accept-Encoding is replaced by the one coding to send, so that `br;q=0` (not acceptable) is respected;
 * - a Range other than one `bytes=first-last` (or `first-`) is dropped and the whole file is sent, which
 *   HTTP allows: sirv reads a suffix range as a prefix, and one with first > last throws out of the
 *   request and ends the process. With If-Range too, since sirv does not compare it.
 */
export function answeredBeforeWebApp(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', ALLOWED);
    if (req.method === 'OPTIONS') res.writeHead(204).end();
    else res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8' }).end(`${req.method} is not allowed here: ${ALLOWED}`);
    return true;
  }
  req.headers['accept-encoding'] = chosenCoding(req.headers['accept-encoding']);
  if (req.headers['if-range'] !== undefined || !isOneRange(req.headers.range)) delete req.headers.range;
  return false;
}

/** The stored coding the client accepts most (brotli on a tie), or identity when it accepts neither. */
export function chosenCoding(header: string | undefined): Coding {
  const weights = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    // A weight that is not a number from 0 to 1 makes the coding unacceptable rather than preferred.
    const weight = q === undefined ? 1 : /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(q) ? Number(q.slice(2)) : 0;
    weights.set(name === 'x-gzip' ? 'gzip' : name, weight);
  }
  let best: Coding = 'identity';
  let bestWeight = 0;
  for (const coding of STORED_CODINGS) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [coding, weight];
  }
  return best;
}

/** One range of bytes from a first to a last (or to the end), the first not after the last. */
export function isOneRange(header: string | undefined): boolean {
  const match = header?.match(/^bytes=(\d{1,15})-(\d{0,15})$/);
  return match !== null && match !== undefined && (match[2] === '' || Number(match[1]) <= Number(match[2]));
}
