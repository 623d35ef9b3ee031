import type { PrismaClient } from '../generated/prisma/client.js';

export async function organizationTimeZone(prisma: PrismaClient, organizationId: string): Promise<string> {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timeZone: true } });
  return org.timeZone;
}
