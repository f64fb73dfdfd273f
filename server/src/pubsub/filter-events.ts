import { filter, pipe } from 'graphql-yoga';

/**
 * The events of `source` that pass `test`. Built on yoga's Repeater-based `filter`, not on an async
 * generator: ending a subscription must remove its pub/sub listener at once. An async generator
 * awaiting its next event cannot be returned until one arrives and reaches its `yield`, so a
 * subscriber to a quiet application kept its listener (and graphql-ws its socket clean-up) pending
 * until a matching event came, possibly forever.
 */
export const filterEvents = <T>(source: AsyncIterable<T>, test: (event: T) => boolean): AsyncIterable<T> =>
  pipe(source, filter(test));
