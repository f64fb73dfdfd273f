import type { SqlSession } from '../db/sql-client.js';
import { InvalidInputError } from '../errors/app-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a dataset's chosen embedding model service: a service of the same project, of kind
 * EMBEDDING. Issues point at `path` (the input field), so the client knows what to fix.
 */
export const checkEmbeddingService = async (
  tx: SqlSession,
  projectId: string,
  serviceId: string,
  path = 'embeddingServiceId',
) => {
  const [service] = UUID.test(serviceId)
    ? await tx.query<{ name: string; kind: string }>(
        `SELECT name, kind::text AS kind FROM "ModelService" WHERE id = $1::uuid AND "projectId" = $2::uuid`,
        [serviceId, projectId],
      )
    : [];
  if (!service) throw new InvalidInputError([{ path, message: 'no model service with this ID in the project' }]);
  if (service.kind !== 'EMBEDDING') {
    throw new InvalidInputError([
      { path, message: `model service "${service.name}" is of kind ${service.kind}; choose one of kind EMBEDDING` },
    ]);
  }
};
