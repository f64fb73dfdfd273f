import { recordAudit } from '../audit/record-audit.js';
import type { Actor } from '../auth/principal.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { insertApiKey } from './api-keys.js';

export type Bootstrap = { organizationId: string; projectId: string; apiKeySecret: string };

// Two instances starting on one empty database must not create two default organizations.
const BOOTSTRAP_LOCK = 4_207_746_001;

/**
 * First start with an empty database: a default organization, project and organization-admin
 * key in one transaction, so `npm start` is immediately usable. Null when data already exists.
 */
export const bootstrapIfEmpty = (prisma: PrismaClient): Promise<Bootstrap | null> =>
  prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})::text AS locked`);
    if ((await tx.organization.count()) > 0) return null;
    const organization = await tx.organization.create({ data: { name: 'Default organization' } });
    const project = await tx.project.create({ data: { name: 'default', organizationId: organization.id } });
    const actor: Actor = { apiKeyId: null, organizationId: organization.id, projectId: project.id, requestId: null };
    const { result: key, audit } = await insertApiKey(tx, actor, {
      projectId: project.id,
      name: 'bootstrap admin',
      role: 'admin',
      organizationAdmin: true,
    });
    for (const change of audit) await recordAudit(tx, actor, change);
    return { organizationId: organization.id, projectId: project.id, apiKeySecret: key.secret };
  });
