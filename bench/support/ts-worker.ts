import { Worker } from 'node:worker_threads';

/** A worker thread running a TypeScript module (a URL), with `data` as its workerData.data. */
export const startTsWorker = (module: URL, data: unknown) =>
  new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), { workerData: { module: module.href, data } });
