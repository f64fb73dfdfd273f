import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError } from './usage-error.js';

const spec = {
  path: ['thing', 'make'],
  options: { name: { type: 'string' }, size: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  positionals: ['target'],
  schema: z.object({
    name: z.string().min(1, 'must not be empty'),
    size: z.enum(['s', 'm', 'l'], { error: 'expected s, m or l' }).default('m'),
    'dry-run': z.boolean().default(false),
    target: z.string().optional(),
  }),
} as const;

const usageErrorOf = (argv: string[]) => {
  try {
    parseCommandArgs(argv, spec);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
};

describe('parseCommandArgs', () => {
  it('keys options by their long name and positionals by their declared name', () => {
    expect(parseCommandArgs(['here', '--name', 'x', '--dry-run', '--size=l'], spec)).toEqual({
      help: false,
      json: false,
      input: { name: 'x', size: 'l', 'dry-run': true, target: 'here' },
    });
  });

  it('applies schema defaults and reads --json', () => {
    expect(parseCommandArgs(['--json', '--name', 'x'], spec)).toEqual({
      help: false,
      json: true,
      input: { name: 'x', size: 'm', 'dry-run': false, target: undefined },
    });
  });

  it('answers --help and -h even when the rest would not parse', () => {
    expect(parseCommandArgs(['--bogus', '--help'], spec)).toEqual({ help: true });
    expect(parseCommandArgs(['-h'], spec)).toEqual({ help: true });
    // After `--` it is a value, not a request for help.
    expect(() => parseCommandArgs(['--name', 'x', '--', 'a', '--help'], spec)).toThrow(UsageError);
  });

  it('names a missing required option', () => {
    const error = usageErrorOf([]);
    expect(error.message).toBe('missing required option --name');
    expect(error.command).toEqual(['thing', 'make']);
  });

  it('names the option and the value that failed validation, for every failure', () => {
    expect(usageErrorOf(['--name', '', '--size', 'xl']).message).toBe(
      'invalid --name "": must not be empty; invalid --size "xl": expected s, m or l',
    );
  });

  it('turns parseArgs errors into short usage errors', () => {
    expect(usageErrorOf(['--name', 'x', '--colour', 'red']).message).toBe("unknown option '--colour'");
    expect(usageErrorOf(['--name']).message).toMatch(/^option '--name <value>' argument missing/);
    expect(usageErrorOf(['--name', 'x', 'one', 'two']).message).toBe('unexpected argument "two"');
  });
});
