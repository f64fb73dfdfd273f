import { startTsWorker } from './ts-worker.js';

export type SubscriberPoolOptions = {
  wsUrl: string;
  apiKey: string;
  /** A subscription whose payload fields are lists of `{ id, name }` items. */
  query: string;
  variables: Record<string, unknown>;
  subscribers: number;
  connectBatch: number;
};

export type Delivery = { name: string; id: string; at: number };

export type PoolMessage =
  | { type: 'ready'; connectMs: number }
  | { type: 'deliveries'; deliveries: Delivery[] }
  | { type: 'error'; message: string }
  | { type: 'closed' };

/**
 * `subscribers` graphql-ws clients, one WebSocket each, in a worker thread of their own: real
 * subscribers are other processes on other machines, and 1,000 clients parsing every event on the
 * server's event loop made the benchmark measure the clients too. Delivery times (`at`) are
 * `performance.timeOrigin + performance.now()` of the worker, comparable with the same sum taken
 * on the main thread.
 */
export const startSubscriberPool = async (options: SubscriberPoolOptions, onDeliveries: (batch: Delivery[]) => void) => {
  const worker = startTsWorker(new URL('./subscriber-pool.worker.ts', import.meta.url), options);
  const errors: string[] = [];
  let closed: () => void = () => {};
  const connectMs = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: PoolMessage) => {
      if (message.type === 'ready') resolve(message.connectMs);
      else if (message.type === 'deliveries') onDeliveries(message.deliveries);
      else if (message.type === 'error') errors.push(message.message);
      else if (message.type === 'closed') closed();
    });
  });
  return {
    connectMs,
    errors,
    /** Disposes every client, then ends the thread. */
    close: async () => {
      const done = new Promise<void>((resolve) => {
        closed = resolve;
      });
      worker.postMessage({ type: 'close' });
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await worker.terminate();
    },
  };
};
