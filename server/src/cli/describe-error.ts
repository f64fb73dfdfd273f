import { ConfigError } from '../config/config-error.js';
import { AppError } from '../errors/app-error.js';
import { UsageError } from './usage-error.js';

export type DescribedError = { message: string; exitCode: 1 | 2 };

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

const messageOf = (error: unknown): string => {
  // pg reports "connection refused" on ::1 and 127.0.0.1 as an AggregateError with no message.
  if (error instanceof AggregateError && !error.message) {
    return [...new Set(error.errors.map(messageOf))].join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
};

/** Any failure → the one line printed to stderr and the exit status. */
export const describeError = (error: unknown): DescribedError => {
  if (error instanceof UsageError) {
    const help = ['agentloop', ...error.command, error.command.length > 0 ? '--help' : 'help'].join(' ');
    return { message: `${oneLine(error.message)} (see "${help}")`, exitCode: 2 };
  }
  if (error instanceof ConfigError) {
    const issues = error.issues.map((issue) => `${issue.variable}: ${issue.message}`).join('; ');
    return { message: `invalid configuration: ${issues}`, exitCode: 1 };
  }
  // Invalid input is a usage error that the domain rather than the CLI noticed: nothing changed.
  if (error instanceof AppError) return { message: oneLine(error.message), exitCode: error.code === 'INVALID_INPUT' ? 2 : 1 };
  return { message: oneLine(messageOf(error)), exitCode: 1 };
};
