import type { SqlDataset } from './dataset-scope.js';

/** The one dataset a statement runs on, in the caller's project (both already checked). */
export type SqlTarget = { projectId: string; datasetId: string; dataset: SqlDataset };
