import { AppError } from '../errors/app-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { embeddingsForService } from '../models/embeddings-for-service.js';
import type { SecretKeyring } from '../secrets/secret-keyring.js';
import { type EmbedderResolver, NO_EMBEDDING_SERVICE } from './embeddings.js';

/**
 * Embeddings from the project's model services: the dataset's own `embeddingServiceId`, else the
 * project's only EMBEDDING service. Anything missing or unusable is a reason (what to configure),
 * never an exception, so the worker indexes full text and semantic search can say what is wrong.
 */
export const modelServiceEmbedders =
  (deps: { prisma: PrismaClient; secrets: SecretKeyring }): EmbedderResolver =>
  async (target) => {
    let serviceId = target.embeddingServiceId;
    if (!serviceId) {
      const services = await deps.prisma.modelService.findMany({
        where: { projectId: target.projectId, kind: 'EMBEDDING' },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
        take: 3,
      });
      if (services.length === 0) return { ok: false, reason: NO_EMBEDDING_SERVICE };
      if (services.length > 1) {
        return {
          ok: false,
          reason: `the project has several embedding model services (${services.map((s) => s.name).join(', ')}${services.length > 2 ? ', …' : ''}); set the dataset’s embeddingServiceId to choose one`,
        };
      }
      serviceId = services[0]?.id ?? '';
    }
    try {
      const { service, embeddings } = await embeddingsForService(deps, target.projectId, serviceId);
      return { ok: true, serviceId: service.name, embedder: embeddings };
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, reason: `the embedding model service ${serviceId} cannot be used: ${error.message}` };
      throw error;
    }
  };
