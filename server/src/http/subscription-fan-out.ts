import type { ExecutionResult } from 'graphql';

/** Where one subscriber's results go. */
export type FanOutMember = {
  /** Sends one result, already serialized (`JSON.stringify` of the ExecutionResult), to this subscriber. */
  deliver(payload: Buffer): void;
};

/** What starting a subscription gives: a stream of results, or one result (errors) instead of a stream. */
export type SubscriptionStart = AsyncIterable<ExecutionResult> | ExecutionResult;

type Member = FanOutMember & { end(error: unknown): void };

type Group = {
  key: string;
  members: Set<Member>;
  /** Resolves to null once the shared stream runs, or to the one-off result every waiting member gets. */
  started: Promise<ExecutionResult | null>;
  iterator: AsyncIterator<ExecutionResult> | null;
  /** Subscribers waiting for the stream to start: the group must not stop under them. */
  joining: number;
  closed: boolean;
};

const isAsyncIterable = (value: unknown): value is AsyncIterable<ExecutionResult> =>
  typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';

/**
 * Runs each group of identical subscriptions once and hands every member the same serialized
 * result. A subscription's result depends only on its document, operation, variables and the
 * authorization it runs with; the caller folds all of them into `key`, so subscribers with the same
 * key would compute byte-identical results. A thousand dashboards on one application then cost one
 * execution and one `JSON.stringify` per event, not a thousand.
 *
 * Transport-agnostic: a member is anything that can send a serialized result. The stream is started
 * by the first subscriber of a key and stopped when its last one leaves.
 */
export const createSubscriptionFanOut = () => {
  const groups = new Map<string, Group>();

  const finish = (group: Group, error: unknown) => {
    group.closed = true;
    if (groups.get(group.key) === group) groups.delete(group.key);
    for (const member of group.members) member.end(error);
    group.members.clear();
  };

  const pump = async (group: Group, iterator: AsyncIterator<ExecutionResult>) => {
    try {
      for (;;) {
        const step = await iterator.next();
        if (step.done || group.closed) break;
        // JSON.stringify calls GraphQLError#toJSON, as graphql-ws does for each message it sends.
        const payload = Buffer.from(JSON.stringify(step.value));
        for (const member of group.members) {
          try {
            member.deliver(payload);
          } catch (error) {
            // One broken socket must not stop the others' stream.
            leave(group, member);
            member.end(error);
          }
        }
      }
      finish(group, null);
    } catch (error) {
      finish(group, error);
    }
  };

  const open = (key: string, start: () => Promise<SubscriptionStart>): Group => {
    const group: Group = { key, members: new Set(), started: Promise.resolve(null), iterator: null, joining: 0, closed: false };
    group.started = Promise.resolve()
      .then(start)
      .then(
        (result) => {
          if (!isAsyncIterable(result)) {
            // Refused (authorization, bad arguments): the same for everyone with this key, and nothing to keep.
            if (groups.get(key) === group) groups.delete(key);
            return result;
          }
          group.iterator = result[Symbol.asyncIterator]();
          void pump(group, group.iterator);
          return null;
        },
        (error: unknown) => {
          if (groups.get(key) === group) groups.delete(key);
          throw error;
        },
      );
    groups.set(key, group);
    return group;
  };

  const leave = (group: Group, member: Member) => {
    if (!group.members.delete(member) || group.members.size > 0 || group.joining > 0 || group.closed) return;
    // The last one out stops the stream; a newcomer with this key starts a fresh one.
    group.closed = true;
    if (groups.get(group.key) === group) groups.delete(group.key);
    void group.iterator?.return?.()?.catch(() => {});
  };

  /** The member's side as graphql-ws consumes it: yields nothing itself, ends when the group's stream ends. */
  const membership = (group: Group, target: FanOutMember): AsyncIterableIterator<ExecutionResult> => {
    let end: (error: unknown) => void = () => {};
    const ended = new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
      end = (error) => (error ? reject(error) : resolve({ done: true, value: undefined }));
    });
    // Read only if the consumer calls next(); a member that leaves first must not leave a rejection unhandled.
    ended.catch(() => {});
    const member: Member = { deliver: (payload) => target.deliver(payload), end: (error) => end(error) };
    // Closed while this member waited for the start means the stream itself ended: so does this subscription.
    if (group.closed) end(null);
    else group.members.add(member);
    const done = async (): Promise<IteratorResult<ExecutionResult>> => {
      leave(group, member);
      end(null);
      return { done: true, value: undefined };
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: () => ended,
      return: done,
      throw: async (error: unknown) => {
        await done();
        throw error;
      },
    };
  };

  return {
    /**
     * Adds a subscriber to the group of `key`, starting the group's stream with `start` if it has none.
     * Resolves to the subscriber's stream (results arrive through `member.deliver`; the stream only ends,
     * or fails, with the group's), or to the one result to send instead when the subscription is refused.
     */
    join: async (
      key: string,
      start: () => Promise<SubscriptionStart>,
      member: FanOutMember,
    ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
      const existing = groups.get(key);
      const group = existing && !existing.closed ? existing : open(key, start);
      group.joining++;
      try {
        const refused = await group.started;
        if (refused) return refused;
      } finally {
        group.joining--;
      }
      return membership(group, member);
    },
    /** Groups running now, for tests. */
    size: () => groups.size,
  };
};

export type SubscriptionFanOut = ReturnType<typeof createSubscriptionFanOut>;
