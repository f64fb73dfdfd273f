import type { PrismaClient } from '../generated/prisma/client.js';
import type { AppPubSub } from '../pubsub/create-pubsub.js';

/** What domain services need from the outside world; tests pass the real things. */
export type ServiceDeps = {
  prisma: PrismaClient;
  pubsub: AppPubSub | null;
};
