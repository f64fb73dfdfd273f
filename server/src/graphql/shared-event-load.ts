const loads = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Runs `load` once per live event and key, however many subscribers resolve that event. The pub/sub
 * hands every subscriber of an instance the same event object (in process, and once parsed from
 * Redis), so a thousand open dashboards watching one application cost one read per event, not a
 * thousand. The key must hold everything the result depends on (the selection, the filters, the
 * project); the entry lives as long as the event object does.
 */
export const loadOncePerEvent = <T>(event: object, key: string, load: () => Promise<T>): Promise<T> => {
  let byKey = loads.get(event);
  if (!byKey) {
    byKey = new Map();
    loads.set(event, byKey);
  }
  let loading = byKey.get(key) as Promise<T> | undefined;
  if (!loading) {
    loading = load();
    byKey.set(key, loading);
    // A failed read is not kept: the next subscriber tries again rather than sharing the error.
    loading.catch(() => byKey.delete(key));
  }
  return loading;
};
