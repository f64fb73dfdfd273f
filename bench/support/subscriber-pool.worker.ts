import { parentPort, workerData } from 'node:worker_threads';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { PoolMessage, SubscriberPoolOptions } from './subscriber-pool.js';

const options = (workerData as { data: SubscriberPoolOptions }).data;
const port = parentPort;
if (!port) throw new Error('subscriber-pool.worker.ts runs as a worker thread');
const post = (message: PoolMessage) => port.postMessage(message);

/** graphql-ws reports an Error, a list of GraphQL errors or the socket's CloseEvent. */
const describeError = (error: unknown) => {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'code' in error) {
    const { code, reason } = error as { code: number; reason?: string };
    return `socket closed ${code} ${reason ?? ''}`.trim();
  }
  return JSON.stringify(error).slice(0, 300);
};

// Deliveries are handed over in batches, once per turn of this thread's event loop: one message
// per delivery would cost the main thread more than the deliveries themselves.
let pending: { name: string; id: string; at: number }[] = [];
const flush = () => {
  const deliveries = pending;
  pending = [];
  post({ type: 'deliveries', deliveries });
};

const clients: Client[] = [];
const connectBegan = performance.now();
for (let i = 0; i < options.subscribers; i += options.connectBatch) {
  const batch = Array.from({ length: Math.min(options.connectBatch, options.subscribers - i) }, () => {
    let connected: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      connected = resolve;
    });
    const client = createClient({
      url: options.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${options.apiKey}` },
      retryAttempts: 0,
      lazy: true,
      on: { connected: () => connected() },
    });
    clients.push(client);
    client.subscribe<Record<string, { id: string; name: string }[]>>(
      { query: options.query, variables: options.variables },
      {
        next: (value) => {
          // performance.timeOrigin + now() is one clock across the threads of a process.
          const at = performance.timeOrigin + performance.now();
          if (value.errors) post({ type: 'error', message: JSON.stringify(value.errors).slice(0, 300) });
          for (const list of Object.values(value.data ?? {})) {
            for (const item of list) {
              if (pending.length === 0) setImmediate(flush);
              pending.push({ name: item.name, id: item.id, at });
            }
          }
        },
        error: (error) => post({ type: 'error', message: describeError(error) }),
        complete: () => {},
      },
    );
    return ready;
  });
  await Promise.all(batch);
}
post({ type: 'ready', connectMs: performance.now() - connectBegan });

port.on('message', async (message: { type: 'close' }) => {
  if (message.type !== 'close') return;
  await Promise.allSettled(clients.map((client) => client.dispose()));
  post({ type: 'closed' });
  port.close();
});
