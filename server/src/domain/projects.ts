import { z } from 'zod';
import type { Actor, Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { Prisma } from '../generated/prisma/client.js';
import { auditedTransaction } from './audited-transaction.js';
import { displayName } from './names.js';
import { isUniqueViolation } from './prisma-errors.js';
import type { ServiceDeps } from './service-deps.js';
import { validate } from './validate.js';

/**
 * The projects a principal may see: every project of its organization for an organization
 * admin, otherwise only its own. Anything outside this is "not found", never "forbidden".
 */
export const visibleProjectsWhere = (principal: Principal): Prisma.ProjectWhereInput =>
  principal.organizationAdmin
    ? { organizationId: principal.organizationId }
    : { id: principal.projectId, organizationId: principal.organizationId };

const findVisibleProject = async (tx: Prisma.TransactionClient, principal: Principal, id: string) => {
  const project = await tx.project.findFirst({ where: { AND: [visibleProjectsWhere(principal), { id }] } });
  if (!project) throw new NotFoundError('Project', id);
  return project;
};

const conflictOnDuplicateName = (name: string) => (error: unknown) => {
  if (isUniqueViolation(error)) throw new ConflictError(`A project named "${name}" already exists in this organization`);
  throw error;
};

const createProjectInput = z.object({ name: displayName });

/** Creates a project in the actor's organization (callers check organization-admin rights). */
export const createProject = (deps: ServiceDeps, actor: Actor, input: z.input<typeof createProjectInput>) => {
  const { name } = validate(createProjectInput, input);
  return auditedTransaction(deps, actor, async (tx) => {
    const project = await tx.project.create({ data: { name, organizationId: actor.organizationId } });
    return {
      result: project,
      audit: [
        { action: 'project.create', entityType: 'Project', entityId: project.id, projectId: project.id, summary: { name } },
      ],
    };
  }).catch(conflictOnDuplicateName(name));
};

const renameProjectInput = z.object({ id: z.string(), name: displayName });

export const renameProject = (
  deps: ServiceDeps,
  principal: Principal,
  actor: Actor,
  input: z.input<typeof renameProjectInput>,
) => {
  const { id, name } = validate(renameProjectInput, input);
  return auditedTransaction(deps, actor, async (tx) => {
    const before = await findVisibleProject(tx, principal, id);
    const project = await tx.project.update({ where: { id }, data: { name } });
    return {
      result: project,
      audit: [
        {
          action: 'project.rename',
          entityType: 'Project',
          entityId: id,
          projectId: id,
          summary: { name: { from: before.name, to: name } },
        },
      ],
    };
  }).catch(conflictOnDuplicateName(name));
};

const retentionInput = z.object({
  id: z.string(),
  // A day is the smallest unit the hourly job honours; ten years is far beyond any real policy.
  days: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(3650, 'must be at most 3650 days')
    .nullable(),
});

/** Sets how many days of traces, spans and logs the project keeps; null keeps them forever. */
export const setProjectRetention = (
  deps: ServiceDeps,
  principal: Principal,
  actor: Actor,
  input: z.input<typeof retentionInput>,
) => {
  const { id, days } = validate(retentionInput, input);
  return auditedTransaction(deps, actor, async (tx) => {
    const before = await findVisibleProject(tx, principal, id);
    const project = await tx.project.update({ where: { id }, data: { retentionDays: days } });
    return {
      result: project,
      audit: [
        {
          action: 'project.setRetention',
          entityType: 'Project',
          entityId: id,
          projectId: id,
          summary: { retentionDays: { from: before.retentionDays, to: days } },
        },
      ],
    };
  });
};

/** Deletes a project and everything in it. The project of the calling key cannot delete itself. */
export const deleteProject = (deps: ServiceDeps, principal: Principal, actor: Actor, id: string) =>
  auditedTransaction(deps, actor, async (tx) => {
    const project = await findVisibleProject(tx, principal, id);
    if (project.id === principal.projectId) {
      throw new ConflictError('A key cannot delete its own project; use a key of another project of the organization');
    }
    await tx.project.delete({ where: { id } });
    return {
      result: project,
      // Recorded against the organization: the project's own trail survives it (no FK), but
      // nobody is left in the project to read it.
      audit: [
        { action: 'project.delete', entityType: 'Project', entityId: id, projectId: null, summary: { name: project.name } },
      ],
    };
  });
