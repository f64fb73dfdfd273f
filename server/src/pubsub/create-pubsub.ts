import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { PubSubEvents } from './events.js';

export type AppPubSub = PubSub<PubSubEvents>;

export type PubSubHandle = {
  pubsub: AppPubSub;
  /** Throws when the shared transport is unreachable; readiness reports it. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/**
 * In-process events by default; with REDIS_URL, events travel through Redis so a subscriber on
 * any instance sees what any other instance publishes.
 */
export const createAppPubSub = (redisUrl: string | undefined): PubSubHandle => {
  if (!redisUrl) {
    return { pubsub: createPubSub<PubSubEvents>(), ping: async () => {}, close: async () => {} };
  }
  // A subscribed ioredis connection cannot publish, hence two.
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  return {
    pubsub: createPubSub<PubSubEvents>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) }),
    ping: async () => {
      await publishClient.ping();
    },
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
};
