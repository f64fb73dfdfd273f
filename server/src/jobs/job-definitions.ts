import { retentionJob } from '../tracing/retention/retention-job.js';
import type { JobDefinition } from './job-definition.js';

/** Every background job of the product. Add yours here; the server and `agentloop worker` register this list. */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [retentionJob];
