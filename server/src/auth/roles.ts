import type { ApiKeyRole } from '../generated/prisma/enums.js';

/** Weakest first: each role can do everything the ones before it can. */
export const ROLES = ['ingest', 'viewer', 'member', 'admin'] as const satisfies readonly ApiKeyRole[];
export type Role = (typeof ROLES)[number];

export const roleAtLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);
