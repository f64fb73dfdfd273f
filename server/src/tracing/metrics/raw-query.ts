import type { PrismaClient } from '../../generated/prisma/client.js';

/**
 * What the metrics and analysis services need of the database: tagged-template SQL only, so
 * every value travels as a bound parameter and the services stay set-based.
 */
export type RawQuery = Pick<PrismaClient, '$queryRaw'>;
