import { Prisma, type PrismaClient } from '../../generated/prisma/client.js';

export type UnmappedAttribute = {
  key: string;
  spanCount: number;
  lastSeen: Date;
  /** One span that carried it, to go and look at the raw attributes. */
  sampleTraceId: string;
  sampleSpanId: string;
};

/**
 * Attribute keys no convention mapper understood, per application, most frequent first: the
 * answer to "why is the model (or the input) of my spans empty?".
 */
export const unmappedAttributes = (
  prisma: PrismaClient,
  scope: { projectId: string; applicationId: string; from: Date; to: Date; limit: number },
): Promise<UnmappedAttribute[]> =>
  prisma.$queryRaw<UnmappedAttribute[]>(Prisma.sql`
    SELECT k.key,
           count(*)::int AS "spanCount",
           max(s."startTime") AS "lastSeen",
           (array_agg(s."traceId" ORDER BY s."startTime" DESC))[1] AS "sampleTraceId",
           (array_agg(s."spanId" ORDER BY s."startTime" DESC))[1] AS "sampleSpanId"
    FROM "Span" s, unnest(s."unmappedAttributes") AS k(key)
    WHERE s."projectId" = ${scope.projectId}::uuid
      AND s."applicationId" = ${scope.applicationId}::uuid
      AND s."startTime" >= ${scope.from} AND s."startTime" < ${scope.to}
    GROUP BY k.key
    ORDER BY count(*) DESC, k.key
    LIMIT ${scope.limit}`);
