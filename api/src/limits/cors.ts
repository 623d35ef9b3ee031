/** CORS_ORIGINS: the origins allowed to call the API from a browser, comma-separated (`https://a.example,https://b.example`). */
export function allowedOrigins(setting: string | undefined = process.env.CORS_ORIGINS): string[] {
  return (setting ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * Yoga's CORS options: only a configured origin gets CORS headers (and credentials); any other gets
 * none, so a browser keeps it from reading the answer. Same-origin pages need no CORS.
 */
export function corsFor(origins: string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    return origin !== null && origins.includes(origin) ? { origin: [origin], credentials: true } : (false as const);
  };
}
