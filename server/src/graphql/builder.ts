import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { roleAtLeast } from '../auth/roles.js';
import { AppError, ForbiddenError, InvalidInputError } from '../errors/app-error.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { GraphQLContext } from './context.js';
import { decodeGlobalId, encodeGlobalId } from './global-id.js';

type AuthScope = 'ingest' | 'viewer' | 'member' | 'admin' | 'organizationAdmin';

const describeScope = (scope: AuthScope) =>
  scope === 'organizationAdmin' ? 'an organization-admin key' : `the '${scope}' role or stronger`;

/** The scope a field asked for, found inside Pothos' (possibly nested "any of") failure report. */
const firstFailedScope = (failure: AuthFailure): AuthScope | null => {
  if (failure.kind === AuthScopeFailureType.AuthScope) return failure.scope as AuthScope;
  if ('failures' in failure) return failure.failures.map(firstFailedScope).find((scope) => scope !== null) ?? null;
  return null;
};

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: Record<AuthScope, boolean>;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  // scope-auth first, so authorization runs before any other plugin's resolver work.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      ingest: roleAtLeast(ctx.principal.role, 'ingest'),
      viewer: roleAtLeast(ctx.principal.role, 'viewer'),
      member: roleAtLeast(ctx.principal.role, 'member'),
      admin: roleAtLeast(ctx.principal.role, 'admin'),
      organizationAdmin: ctx.principal.organizationAdmin,
    }),
    unauthorizedError: (_parent, ctx, info, result) => {
      const scope = firstFailedScope(result.failure);
      const needed = scope ? describeScope(scope) : 'a stronger key';
      return new ForbiddenError(
        `${info.parentType.name}.${info.fieldName} requires ${needed}; this key has the '${ctx.principal.role}' role`,
      );
    },
  },
  errors: { directResult: true },
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    nodesQueryOptions: { args: {}, nullable: { list: false, items: true } },
  },
  validation: {
    validationError: (result) =>
      new InvalidInputError(
        result.issues.map((issue) => ({
          path: (issue.path ?? []).map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.'),
          message: issue.message,
        })),
      ),
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
