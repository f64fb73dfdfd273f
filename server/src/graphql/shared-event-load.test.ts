import { describe, expect, it } from 'vitest';
import { loadOncePerEvent } from './shared-event-load.js';

describe('loadOncePerEvent', () => {
  it('loads once per event and key, and again for another event or key', async () => {
    let loads = 0;
    const load = async () => ++loads;
    const event = { scoreIds: ['a'] };
    const same = await Promise.all(Array.from({ length: 100 }, () => loadOncePerEvent(event, 'k', load)));
    expect(new Set(same)).toEqual(new Set([1]));
    expect(await loadOncePerEvent(event, 'other selection', load)).toBe(2);
    expect(await loadOncePerEvent({ scoreIds: ['a'] }, 'k', load)).toBe(3);
    expect(loads).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const event = {};
    await expect(loadOncePerEvent(event, 'k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await loadOncePerEvent(event, 'k', async () => 'up')).toBe('up');
  });
});
