import { z } from 'zod';
import type { AuditChange } from '../audit/record-audit.js';
import { generateApiKeySecret } from '../auth/api-key-secret.js';
import type { Actor, Principal } from '../auth/principal.js';
import { ROLES } from '../auth/roles.js';
import { InvalidInputError, NotFoundError } from '../errors/app-error.js';
import type { Prisma } from '../generated/prisma/client.js';
import { auditedTransaction } from './audited-transaction.js';
import { displayName } from './names.js';
import { visibleProjectsWhere } from './projects.js';
import type { ServiceDeps } from './service-deps.js';
import { validate } from './validate.js';

/** Keys a principal may manage: those of the projects it can see. */
export const visibleApiKeysWhere = (principal: Principal): Prisma.ApiKeyWhereInput => ({
  project: visibleProjectsWhere(principal),
});

const createApiKeyInput = z.object({
  projectId: z.string(),
  name: displayName,
  role: z.enum(ROLES),
  organizationAdmin: z.boolean().default(false),
});

export type CreatedApiKey = Prisma.ApiKeyGetPayload<object> & { secret: string };

/**
 * Issues a key. The secret is returned once and only its hash is stored. `principal` is null
 * for the operator's CLI, which acts with the database's authority.
 */
export const createApiKey = (
  deps: ServiceDeps,
  principal: Principal | null,
  actor: Actor,
  input: z.input<typeof createApiKeyInput>,
): Promise<CreatedApiKey> => {
  const data = validate(createApiKeyInput, input);
  if (data.organizationAdmin && data.role !== 'admin') {
    throw new InvalidInputError([{ path: 'organizationAdmin', message: 'only an admin key can be an organization admin' }]);
  }
  if (data.organizationAdmin && principal && !principal.organizationAdmin) {
    throw new InvalidInputError([
      { path: 'organizationAdmin', message: 'only an organization admin can create organization-admin keys' },
    ]);
  }
  return auditedTransaction(deps, actor, async (tx) => {
    const project = await tx.project.findFirst({
      where: principal ? { AND: [visibleProjectsWhere(principal), { id: data.projectId }] } : { id: data.projectId },
    });
    if (!project) throw new NotFoundError('Project', data.projectId);
    return insertApiKey(tx, actor, data);
  });
};

/** The insert itself, for callers that already hold a transaction and checked the project. */
export const insertApiKey = async (
  tx: Prisma.TransactionClient,
  actor: Actor,
  data: z.output<typeof createApiKeyInput>,
): Promise<{ result: CreatedApiKey; audit: AuditChange[] }> => {
  const { secret, prefix, hash } = generateApiKeySecret();
  const key = await tx.apiKey.create({
    data: {
      projectId: data.projectId,
      name: data.name,
      role: data.role,
      organizationAdmin: data.organizationAdmin,
      prefix,
      secretHash: hash,
      createdByApiKeyId: actor.apiKeyId,
    },
  });
  return {
    result: { ...key, secret },
    audit: [
      {
        action: 'apiKey.create',
        entityType: 'ApiKey',
        entityId: key.id,
        projectId: data.projectId,
        summary: { name: data.name, role: data.role, prefix, organizationAdmin: data.organizationAdmin },
      },
    ],
  };
};

/** Revoking is permanent and idempotent: revoking a revoked key changes nothing and says so. */
export const revokeApiKey = (deps: ServiceDeps, principal: Principal | null, actor: Actor, id: string) =>
  auditedTransaction(deps, actor, async (tx) => {
    const key = await tx.apiKey.findFirst({ where: principal ? { AND: [visibleApiKeysWhere(principal), { id }] } : { id } });
    if (!key) throw new NotFoundError('ApiKey', id);
    if (key.revokedAt) return { result: key, audit: [] };
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    return {
      result: revoked,
      audit: [
        {
          action: 'apiKey.revoke',
          entityType: 'ApiKey',
          entityId: id,
          projectId: key.projectId,
          summary: { name: key.name, prefix: key.prefix },
        },
      ],
    };
  });
