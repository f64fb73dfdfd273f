import { getEventListeners } from 'node:events';
import { createPubSub } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { filterEvents } from './filter-events.js';

type Events = { topic: [projectId: string, payload: { app: string }] };

describe('filterEvents', () => {
  it('passes matching events in order and drops the rest', async () => {
    const target = new EventTarget();
    const pubsub = createPubSub<Events>({ eventTarget: target });
    const events = filterEvents(pubsub.subscribe('topic', 'p'), (event) => event.app === 'a')[Symbol.asyncIterator]();
    const first = events.next();
    pubsub.publish('topic', 'p', { app: 'b' });
    pubsub.publish('topic', 'p', { app: 'a' });
    expect(await first).toEqual({ done: false, value: { app: 'a' } });
    await events.return?.();
  });

  it('removes its listener as soon as it is returned, with no matching event ever arriving', async () => {
    const target = new EventTarget();
    const pubsub = createPubSub<Events>({ eventTarget: target });
    const events = filterEvents(pubsub.subscribe('topic', 'p'), (event) => event.app === 'quiet')[Symbol.asyncIterator]();
    const waiting = events.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(getEventListeners(target, 'topic:p')).toHaveLength(1);
    pubsub.publish('topic', 'p', { app: 'other' });
    expect(await events.return?.()).toEqual({ done: true, value: undefined });
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(getEventListeners(target, 'topic:p')).toHaveLength(0);
  });
});
