import { readString, readStringList } from './attribute-reader.js';
import type { SpanMapper } from './span-mapper.js';

// Plain OpenTelemetry semantic conventions: understood (described, kept raw) though no LLM field
// comes from them, so they never show up as "unmapped".
const PREFIXES = [
  'http.',
  'url.',
  'server.',
  'client.',
  'network.',
  'net.',
  'service.',
  'telemetry.',
  'otel.',
  'db.',
  'rpc.',
  'messaging.',
  'exception.',
  'error.',
  'code.',
  'thread.',
  'process.',
  'host.',
  'os.',
  'user_agent.',
  'k8s.',
  'cloud.',
  'container.',
  'faas.',
  'deployment.',
  'peer.',
  'enduser.',
  'session.',
  'user.',
  'aws.',
  'gcp.',
  'azure.',
  'graphql.',
  'feature_flag.',
  'vcs.',
  'cicd.',
  'browser.',
  'destination.',
  'source.',
];

/** The fallback for spans of no LLM convention: sessions and users from OTel's own attributes. */
export const otelMapper: SpanMapper = {
  convention: 'otel',
  detects: () => true,
  understands: (key) => PREFIXES.some((prefix) => key.startsWith(prefix)),
  map: ({ attributes }) => ({
    sessionId: readString(attributes, 'session.id'),
    userId: readString(attributes, 'user.id', 'enduser.id'),
    tags: readStringList(attributes, 'tag.tags') ?? [],
  }),
};
