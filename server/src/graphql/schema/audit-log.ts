import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { visibleApiKeysWhere } from '../../domain/api-keys.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { decodeGlobalId, encodeGlobalId } from '../global-id.js';
import { ApiKeyRef } from './api-key.js';

/** Admins read their project's trail; organization admins read the whole organization's. */
const visibleAuditWhere = (principal: Principal): Prisma.AuditLogEntryWhereInput =>
  principal.organizationAdmin
    ? { organizationId: principal.organizationId }
    : { organizationId: principal.organizationId, projectId: principal.projectId };

export const AuditLogEntryRef = builder.prismaNode('AuditLogEntry', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description: 'One change, written in the same transaction as the change itself.',
  findUnique: (id, ctx) => ({ id, AND: [visibleAuditWhere(ctx.principal)] }),
  fields: (t) => ({
    action: t.exposeString('action', { description: 'e.g. project.rename, apiKey.revoke' }),
    entityType: t.exposeString('entityType'),
    entityId: t.string({
      description: 'The global ID of the changed object (it may no longer exist).',
      resolve: (entry) => encodeGlobalId(entry.entityType, entry.entityId),
    }),
    summary: t.expose('summary', { type: 'JSON', description: 'What changed; never secrets.' }),
    actor: t.loadable({
      type: ApiKeyRef,
      nullable: true,
      description:
        'The key that made the change; null for the operator CLI, first-start bootstrap, or a key this one cannot see.',
      // One query per page of entries, and only keys this principal may see.
      load: async (ids: string[], ctx) => {
        const keys = await ctx.prisma.apiKey.findMany({ where: { id: { in: ids }, AND: [visibleApiKeysWhere(ctx.principal)] } });
        const byId = new Map(keys.map((key) => [key.id, key]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      resolve: (entry) => entry.actorApiKeyId,
    }),
    requestId: t.exposeString('requestId', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  fields: (t) => ({
    entityType: t.string({ required: false }),
    entityId: t.id({ required: false, description: 'Global ID of the changed object.' }),
    actor: t.id({ required: false, description: 'Global ID of the API key that made the changes.' }),
    action: t.string({ required: false }),
    from: t.field({ type: 'DateTime', required: false, description: 'Inclusive.' }),
    to: t.field({ type: 'DateTime', required: false, description: 'Exclusive.' }),
  }),
  // looseObject: the validated value replaces the input, and the other filter fields must survive.
  validate: z
    .looseObject({ from: z.date().nullish(), to: z.date().nullish() })
    .refine((f) => !f.from || !f.to || f.from < f.to, { message: '`from` must be before `to`', path: ['from'] }),
});

type AuditLogFilterValue = {
  entityType?: string | null;
  entityId?: string | null;
  actor?: string | null;
  action?: string | null;
  from?: Date | null;
  to?: Date | null;
};

const auditWhere = (principal: Principal, filter: AuditLogFilterValue | null | undefined): Prisma.AuditLogEntryWhereInput => ({
  AND: [visibleAuditWhere(principal)],
  entityType: filter?.entityType ?? undefined,
  action: filter?.action ?? undefined,
  entityId: filter?.entityId ? decodeGlobalId(filter.entityId).id : undefined,
  actorApiKeyId: filter?.actor ? decodeGlobalId(filter.actor).id : undefined,
  createdAt: { gte: filter?.from ?? undefined, lt: filter?.to ?? undefined },
});

builder.queryField('auditLog', (t) =>
  t.prismaConnection({
    type: 'AuditLogEntry',
    cursor: 'id',
    authScopes: { admin: true },
    description: 'Newest first.',
    args: { filter: t.arg({ type: AuditLogFilter, required: false }) },
    totalCount: (_root, { filter }, ctx) => ctx.prisma.auditLogEntry.count({ where: auditWhere(ctx.principal, filter) }),
    // uuid v7 ids grow with time, so id order is creation order and a stable cursor.
    resolve: (query, _root, { filter }, ctx) =>
      ctx.prisma.auditLogEntry.findMany({ ...query, where: auditWhere(ctx.principal, filter), orderBy: { id: 'desc' } }),
  }),
);

builder.subscriptionField('auditLogEntryCreated', (t) =>
  t.prismaField({
    type: 'AuditLogEntry',
    authScopes: { admin: true },
    description: "Each new audit entry of the key's project, as it commits, from any server instance.",
    subscribe: (_root, _args, ctx) => ctx.pubsub.subscribe('auditLogEntryCreated', ctx.principal.projectId),
    resolve: (query, payload: { id: string }, _args, ctx) =>
      ctx.prisma.auditLogEntry.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
  }),
);
