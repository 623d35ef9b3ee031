/** The bearer token of an `Authorization: Bearer <token>` header; null for anything else. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

export function tokenFromRequest(request: Request): string | null {
  return bearerToken(request.headers.get('authorization'));
}

/** graphql-ws clients send `{ authorization: "Bearer <token>" }` (or `{ token }`) as connection params. */
export function tokenFromConnectionParams(connectionParams: object | undefined): string | null {
  const params = connectionParams as Record<string, unknown> | undefined;
  const value = params?.authorization ?? params?.Authorization;
  if (typeof value === 'string') return bearerToken(value);
  return typeof params?.token === 'string' ? params.token : null;
}
