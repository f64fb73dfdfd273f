import { setMaxListeners } from 'node:events';
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
 * The in-process event target. Every running subscription group listens on its project's topic,
 * so a busy project legitimately has far more than Node's default of 10 listeners per event type,
 * which would print a MaxListenersExceededWarning (meant to flag leaks) for every busy topic.
 * Listeners are removed when their subscriptions end; the subscription tests check that.
 */
const subscriberEventTarget = () => {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
};

/**
 * In-process events by default; with REDIS_URL, events travel through Redis so a subscriber on
 * any instance sees what any other instance publishes.
 */
export const createAppPubSub = (redisUrl: string | undefined): PubSubHandle => {
  if (!redisUrl) {
    return {
      pubsub: createPubSub<PubSubEvents>({ eventTarget: subscriberEventTarget() }),
      ping: async () => {},
      close: async () => {},
    };
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
