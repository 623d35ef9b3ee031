import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { Caller } from '../domain/caller.js';
import { NotFoundError } from '../domain/errors.js';

export interface TechnicianInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  color: string;
}

type Query = { include?: Prisma.TechnicianInclude; select?: Prisma.TechnicianSelect };

export function createTechnician(prisma: PrismaClient, caller: Caller, input: TechnicianInput, query: Query = {}) {
  return prisma.technician.create({
    ...query,
    data: { ...input, organizationId: caller.organizationId },
  });
}

export async function updateTechnician(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  input: { [K in keyof TechnicianInput]?: TechnicianInput[K] | null } & { active?: boolean | null },
  query: Query = {},
) {
  await requireTechnician(prisma, caller, id);
  return prisma.technician.update({
    ...query,
    where: { id },
    data: { ...input, name: input.name ?? undefined, color: input.color ?? undefined, active: input.active ?? undefined },
  });
}

async function requireTechnician(prisma: PrismaClient, caller: Caller, id: string) {
  const technician = await prisma.technician.findFirst({ where: { id, organizationId: caller.organizationId }, select: { id: true } });
  if (!technician) throw new NotFoundError('Technician', id);
}
