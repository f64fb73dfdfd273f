import { describe, expect, it } from 'vitest';
import { roleAtLeast } from './roles.js';

describe('roleAtLeast', () => {
  it('orders ingest < viewer < member < admin', () => {
    expect(roleAtLeast('admin', 'member')).toBe(true);
    expect(roleAtLeast('member', 'member')).toBe(true);
    expect(roleAtLeast('viewer', 'member')).toBe(false);
    expect(roleAtLeast('ingest', 'viewer')).toBe(false);
    expect(roleAtLeast('viewer', 'ingest')).toBe(true);
  });
});
