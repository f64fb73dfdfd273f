import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { OptionsConfig } from './command.js';
import { UsageError } from './usage-error.js';

/** Accepted by every command. */
export const COMMON_OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionsConfig;

export type ParsedCommandArgs<T> = { help: true } | { help: false; json: boolean; input: T };

type ArgsSpec<S extends z.ZodType> = {
  path: readonly string[];
  options?: OptionsConfig;
  positionals?: readonly string[];
  schema: S;
};

// Node's messages go on to explain `--` at length; the first sentence is what a person needs.
const firstSentence = (message: string) => {
  const sentence = message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message;
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
};

const describeIssue = (issue: z.core.$ZodIssue, raw: Record<string, unknown>, positionals: readonly string[]) => {
  const key = issue.path[0];
  if (typeof key !== 'string') return issue.message;
  const label = positionals.includes(key) ? `<${key}>` : `--${key}`;
  const value = raw[key];
  if (value === undefined) return `missing ${positionals.includes(key) ? 'argument' : 'required option'} ${label}`;
  if (typeof value === 'boolean') return `${label}: ${issue.message}`;
  return `invalid ${label} "${String(value)}": ${issue.message}`;
};

const tokenize = (argv: string[], spec: ArgsSpec<z.ZodType>) => {
  try {
    return parseArgs({ args: argv, options: { ...spec.options, ...COMMON_OPTIONS }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(firstSentence(error instanceof Error ? error.message : String(error)), spec.path);
  }
};

/**
 * argv after the command words → validated input. Option values are keyed by their long
 * name (`organization-admin`), positionals by their declared name; anything wrong becomes a
 * UsageError that names the option.
 */
export const parseCommandArgs = <S extends z.ZodType>(argv: string[], spec: ArgsSpec<S>): ParsedCommandArgs<z.output<S>> => {
  const beforeSeparator = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  // Help wins over everything else on the line, even options that would not parse.
  if (beforeSeparator.includes('--help') || beforeSeparator.includes('-h')) return { help: true };
  const parsed = tokenize(argv, spec);
  const names = spec.positionals ?? [];
  const extra = parsed.positionals[names.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, spec.path);
  const { json, help: _help, ...raw }: Record<string, unknown> = { ...parsed.values };
  names.forEach((name, index) => {
    raw[name] = parsed.positionals[index];
  });
  const result = spec.schema.safeParse(raw);
  if (!result.success) {
    const messages = result.error.issues.map((issue) => describeIssue(issue, raw, names));
    throw new UsageError([...new Set(messages)].join('; '), spec.path);
  }
  return { help: false, json: json === true, input: result.data };
};
