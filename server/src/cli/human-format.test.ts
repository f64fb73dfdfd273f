import { describe, expect, it } from 'vitest';
import { formatTable, formatTimestamp, plural } from './human-format.js';

describe('formatTable', () => {
  it('pads each column to its widest cell and trims trailing space', () => {
    expect(
      formatTable(
        ['ID', 'NAME', 'ROLE'],
        [
          ['1', 'production agent', 'ingest'],
          ['22', 'ci', ''],
        ],
      ),
    ).toBe('ID  NAME              ROLE\n1   production agent  ingest\n22  ci\n');
  });

  it('prints only the header for no rows', () => {
    expect(formatTable(['A', 'B'], [])).toBe('A  B\n');
  });
});

describe('formatTimestamp', () => {
  it('shows UTC to the second', () => {
    expect(formatTimestamp(new Date('2026-11-21T14:32:05.123Z'))).toBe('2026-11-21 14:32:05Z');
  });

  it('shows the placeholder for a missing time', () => {
    expect(formatTimestamp(null)).toBe('-');
    expect(formatTimestamp(null, 'never')).toBe('never');
  });
});

describe('plural', () => {
  it('counts', () => {
    expect(plural(1, 'migration')).toBe('1 migration');
    expect(plural(0, 'migration')).toBe('0 migrations');
  });
});
