import type { PrismaClient } from '../generated/prisma/client.js';
import type { Context } from '../schema/context.js';
import { bearerToken, callerFromToken } from './sessions.js';

/** Builds a request's context from its Authorization header. */
export async function contextFromRequest(prisma: PrismaClient, request: Request): Promise<Context> {
  return contextFromToken(prisma, bearerToken(request.headers.get('authorization')));
}

export async function contextFromToken(prisma: PrismaClient, token: string | null): Promise<Context> {
  return { prisma, token, caller: token ? await callerFromToken(prisma, token) : null };
}
