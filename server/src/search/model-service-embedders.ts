import type { SqlClient } from '../db/sql-client.js';
import { AppError, NotFoundError } from '../errors/app-error.js';
import type { ModelService } from '../generated/prisma/client.js';
import { buildEmbeddings } from '../models/embeddings-for-service.js';
import { openApiKey } from '../models/service-api-key.js';
import { assertServiceKind } from '../models/service-kind.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';
import { type EmbedderResolver, NO_EMBEDDING_SERVICE } from './embeddings.js';

type EmbeddingServiceRow = Pick<
  ModelService,
  'id' | 'projectId' | 'name' | 'kind' | 'model' | 'baseUrl' | 'parameters' | 'apiKeyEncrypted'
>;

/**
 * The dataset's own service, or (none chosen) up to three EMBEDDING services of the project. One
 * statement in plain SQL: it runs on every semantic search, where Prisma's round trip cost more
 * (2–60 ms on the embedded database) than Meilisearch's whole search.
 */
const candidateServices = (sql: SqlClient, projectId: string, serviceId: string | null) =>
  sql.query<EmbeddingServiceRow>(
    `SELECT id::text, "projectId"::text AS "projectId", name, kind::text AS kind, model, "baseUrl", parameters,
            "apiKeyEncrypted"
       FROM "ModelService"
      WHERE "projectId" = $1::uuid AND CASE WHEN $2::uuid IS NULL THEN kind = 'EMBEDDING' ELSE id = $2::uuid END
      ORDER BY name
      LIMIT 3`,
    [projectId, serviceId],
  );

/**
 * Embeddings from the project's model services: the dataset's own `embeddingServiceId`, else the
 * project's only EMBEDDING service. Anything missing or unusable is a reason (what to configure),
 * never an exception, so the worker indexes full text and semantic search can say what is wrong.
 */
export const modelServiceEmbedders =
  (deps: { sql: SqlClient; secrets: SecretKeyring }): EmbedderResolver =>
  async (target) => {
    const chosen = target.embeddingServiceId;
    const services = await candidateServices(deps.sql, target.projectId, chosen);
    if (!chosen && services.length === 0) return { ok: false, reason: NO_EMBEDDING_SERVICE };
    if (!chosen && services.length > 1) {
      return {
        ok: false,
        reason: `the project has several embedding model services (${services.map((s) => s.name).join(', ')}${services.length > 2 ? ', …' : ''}); set the dataset’s embeddingServiceId to choose one`,
      };
    }
    const serviceId = chosen ?? services[0]?.id ?? '';
    try {
      const service = services[0];
      if (!service) throw new NotFoundError('ModelService', serviceId);
      assertServiceKind(service, 'EMBEDDING');
      return { ok: true, serviceId: service.name, embedder: buildEmbeddings(service, await openApiKey(deps.secrets, service)) };
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, reason: `the embedding model service ${serviceId} cannot be used: ${error.message}` };
      throw error;
    }
  };
