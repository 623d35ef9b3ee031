/** Same names as the Role enum of schema.prisma. */
export const ROLES = ['ADMIN', 'DISPATCHER', 'TECHNICIAN', 'CUSTOMER'] as const;
export type Role = (typeof ROLES)[number];
