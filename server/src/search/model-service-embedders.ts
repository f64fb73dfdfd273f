import type { SqlClient } from '../db/sql-client.js';
import { AppError, NotFoundError } from '../errors/app-error.js';
import type { ModelService } from '../generated/prisma/client.js';
import { buildEmbeddings } from '../models/embeddings-for-service.js';
import { openApiKey } from '../models/service-api-key.js';
import { assertServiceKind } from '../models/service-kind.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';
import { type EmbedderResolver, NO_EMBEDDING_SERVICE, type TextEmbedder } from './embeddings.js';

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

/** Enough for every embedding service a process serves at once; the oldest goes first. */
const MAX_CLIENTS = 64;

/**
 * Built clients by service, reused while the row they were built from is unchanged: a search
 * otherwise decrypted the key and built a new OpenAI client each time, which also lost the
 * client's open connections (1–2 ms of CPU per query on this machine). The fingerprint is every
 * column the client is built from, so an edit (model, URL, parameters, key) builds a new one.
 */
class ClientCache {
  private readonly clients = new Map<string, { fingerprint: string; embedder: TextEmbedder }>();

  get(service: EmbeddingServiceRow): TextEmbedder | undefined {
    const cached = this.clients.get(service.id);
    return cached?.fingerprint === fingerprintOf(service) ? cached.embedder : undefined;
  }

  set(service: EmbeddingServiceRow, embedder: TextEmbedder): TextEmbedder {
    this.clients.delete(service.id);
    this.clients.set(service.id, { fingerprint: fingerprintOf(service), embedder });
    if (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    return embedder;
  }
}

const fingerprintOf = (service: EmbeddingServiceRow) =>
  JSON.stringify([service.model, service.baseUrl, service.parameters, service.apiKeyEncrypted]);

/**
 * Embeddings from the project's model services: the dataset's own `embeddingServiceId`, else the
 * project's only EMBEDDING service. Anything missing or unusable is a reason (what to configure),
 * never an exception, so the worker indexes full text and semantic search can say what is wrong.
 */
export const modelServiceEmbedders = (deps: { sql: SqlClient; secrets: SecretKeyring }): EmbedderResolver => {
  const clients = new ClientCache();
  return async (target) => {
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
      const embedder =
        clients.get(service) ?? clients.set(service, buildEmbeddings(service, await openApiKey(deps.secrets, service)));
      return { ok: true, serviceId: service.name, embedder };
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, reason: `the embedding model service ${serviceId} cannot be used: ${error.message}` };
      throw error;
    }
  };
};
