// A worker thread does not inherit tsx from `npm run bench`: register it, then load the TypeScript module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
