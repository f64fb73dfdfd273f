import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import { Repeater } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createSubscriptionFanOut } from './subscription-fan-out.js';

/** A stream the test pushes results into, counting how often it was started and stopped. */
const controlledSource = () => {
  const state = { starts: 0, stops: 0, push: (_result: ExecutionResult) => {}, fail: (_error: Error) => {} };
  const start = async () => {
    state.starts++;
    return new Repeater<ExecutionResult>((push, stop) => {
      state.push = (result) => void push(result);
      state.fail = (error) => stop(error);
      stop.then(() => state.stops++);
    });
  };
  return { state, start };
};

const recorder = () => {
  const received: string[] = [];
  return { received, member: { deliver: (payload: Buffer) => received.push(payload.toString()) } };
};

/** The member's end: not async, so a rejection stays on the promise the test awaits. */
const drain = (stream: unknown) => (stream as AsyncIterableIterator<ExecutionResult>)[Symbol.asyncIterator]().next();

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('createSubscriptionFanOut', () => {
  it('starts one stream per key and hands every member the same serialized result', async () => {
    const fanOut = createSubscriptionFanOut();
    const source = controlledSource();
    const members = Array.from({ length: 50 }, recorder);
    await Promise.all(members.map((m) => fanOut.join('k', source.start, m.member)));
    await tick();
    source.state.push({ data: { n: 1 } });
    source.state.push({ data: { n: 2 } });
    await tick();
    expect(source.state.starts).toBe(1);
    for (const m of members) expect(m.received).toEqual(['{"data":{"n":1}}', '{"data":{"n":2}}']);
  });

  it('keeps other keys apart', async () => {
    const fanOut = createSubscriptionFanOut();
    const a = controlledSource();
    const b = controlledSource();
    const onA = recorder();
    const onB = recorder();
    await fanOut.join('a', a.start, onA.member);
    await fanOut.join('b', b.start, onB.member);
    await tick();
    a.state.push({ data: { from: 'a' } });
    await tick();
    expect([onA.received, onB.received]).toEqual([['{"data":{"from":"a"}}'], []]);
  });

  it('serializes errors as graphql-ws does (toJSON)', async () => {
    const fanOut = createSubscriptionFanOut();
    const source = controlledSource();
    const m = recorder();
    await fanOut.join('k', source.start, m.member);
    await tick();
    source.state.push({ data: null, errors: [new GraphQLError('nope', { extensions: { code: 'FORBIDDEN' } })] });
    await tick();
    expect(JSON.parse(m.received[0] ?? '')).toEqual({
      data: null,
      errors: [{ message: 'nope', extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('stops the stream when the last member leaves, and starts a fresh one for the next', async () => {
    const fanOut = createSubscriptionFanOut();
    const source = controlledSource();
    const first = recorder();
    const second = recorder();
    const one = (await fanOut.join('k', source.start, first.member)) as AsyncIterableIterator<ExecutionResult>;
    const two = (await fanOut.join('k', source.start, second.member)) as AsyncIterableIterator<ExecutionResult>;
    const oneEnded = one.next();
    await one.return?.();
    expect(await oneEnded).toEqual({ done: true, value: undefined });
    await tick();
    source.state.push({ data: { n: 1 } });
    await tick();
    expect([first.received, second.received]).toEqual([[], ['{"data":{"n":1}}']]);
    expect(source.state.stops).toBe(0);
    await two.return?.();
    await tick();
    expect([source.state.stops, fanOut.size()]).toEqual([1, 0]);

    const third = recorder();
    await fanOut.join('k', source.start, third.member);
    await tick();
    source.state.push({ data: { n: 2 } });
    await tick();
    expect([source.state.starts, third.received]).toEqual([2, ['{"data":{"n":2}}']]);
  });

  it('ends every member with the stream, and fails every member with it', async () => {
    const fanOut = createSubscriptionFanOut();
    const source = controlledSource();
    const streams = await Promise.all([recorder(), recorder()].map((m) => fanOut.join('k', source.start, m.member)));
    const ends = streams.map(drain);
    await tick();
    source.state.fail(new Error('transport down'));
    for (const end of ends) await expect(end).rejects.toThrow('transport down');
    expect(fanOut.size()).toBe(0);
  });

  it('gives a refused subscription its result and keeps nothing', async () => {
    const fanOut = createSubscriptionFanOut();
    const refusal: ExecutionResult = { errors: [new GraphQLError('requires the viewer role')] };
    let starts = 0;
    const start = async () => {
      starts++;
      return refusal;
    };
    const results = await Promise.all([recorder(), recorder()].map((m) => fanOut.join('k', start, m.member)));
    expect(results).toEqual([refusal, refusal]);
    expect([starts, fanOut.size()]).toEqual([1, 0]);
  });

  it('keeps delivering to the others when one member cannot be written to', async () => {
    const fanOut = createSubscriptionFanOut();
    const source = controlledSource();
    const healthy = recorder();
    const broken = await fanOut.join('k', source.start, {
      deliver: () => {
        throw new Error('socket gone');
      },
    });
    await fanOut.join('k', source.start, healthy.member);
    const brokenEnd = drain(broken);
    await tick();
    source.state.push({ data: { n: 1 } });
    source.state.push({ data: { n: 2 } });
    await tick();
    await expect(brokenEnd).rejects.toThrow('socket gone');
    expect(healthy.received).toHaveLength(2);
  });
});
