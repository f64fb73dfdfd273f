/** Application ids by service name, and deployment ids by (application, version, environment). */
export type ResolvedPlacements = { applications: Map<string, string>; deployments: Map<string, string> };

export type PlacementIds = {
  /** The ids of all these names, or undefined when any of them is not known yet. */
  applications(projectId: string, names: readonly string[]): Map<string, string> | undefined;
  /** The ids of all these deployment keys (see `deploymentKey`), or undefined when any is unknown. */
  deployments(keys: readonly string[]): Map<string, string> | undefined;
  /** Call only after the transaction that read or created the rows has committed. */
  remember(projectId: string, resolved: ResolvedPlacements): void;
};

export const deploymentKey = (applicationId: string, version: string, environment: string) =>
  `${applicationId}\u0000${version}\u0000${environment}`;

const DEFAULT_MAX_ENTRIES = 10_000;

const lookupAll = (cache: Map<string, string>, keys: readonly string[], keyOf: (key: string) => string) => {
  const found = new Map<string, string>();
  for (const key of keys) {
    const id = cache.get(keyOf(key));
    if (id === undefined) return undefined;
    found.set(key, id);
  }
  return found;
};

const bounded = (cache: Map<string, string>, key: string, id: string, max: number) => {
  if (cache.has(key)) return;
  // Maps iterate in insertion order: the first key is the oldest entry.
  if (cache.size >= max) cache.delete(cache.keys().next().value as string);
  cache.set(key, id);
};

/**
 * Remembers the Application and Deployment rows ingestion resolved, so a batch from a service
 * seen before writes its spans without the four statements that upsert and read them back. The
 * ids can be kept because those rows are never deleted or renamed while their project exists
 * (a deleted project takes its keys, so nothing more is ingested for it). Entries are added only
 * after commit: an id from a rolled-back transaction would name a row that does not exist.
 */
export const createPlacementIds = (maxEntries = DEFAULT_MAX_ENTRIES): PlacementIds => {
  const applications = new Map<string, string>();
  const deployments = new Map<string, string>();
  const applicationKey = (projectId: string) => (name: string) => `${projectId}\u0000${name}`;
  return {
    applications: (projectId, names) => lookupAll(applications, names, applicationKey(projectId)),
    deployments: (keys) => lookupAll(deployments, keys, (key) => key),
    remember: (projectId, resolved) => {
      const keyOf = applicationKey(projectId);
      for (const [name, id] of resolved.applications) bounded(applications, keyOf(name), id, maxEntries);
      for (const [key, id] of resolved.deployments) bounded(deployments, key, id, maxEntries);
    },
  };
};
