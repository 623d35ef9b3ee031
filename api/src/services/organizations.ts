import type { PrismaClient } from '../generated/prisma/client.js';

export async function organizationTimeZone(prisma: PrismaClient, organizationId: string): Promise<string> {
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timeZone: true } });
  return org.timeZone;
}

export async function latestEventSeq(prisma: PrismaClient, organizationId: string): Promise<bigint> {
  const latest = await prisma.workOrderEvent.findFirst({ where: { organizationId }, orderBy: { seq: 'desc' }, select: { seq: true } });
  return latest?.seq ?? 0n;
}
