import type { SqlSession } from '../db/sql-client.js';
import type { NormalizedSpan } from '../tracing/normalized-span.js';
import { composeGenAiContent } from './genai-log-events.js';
import { loadGenAiEvents } from './write-log-records.js';

/**
 * GenAI events exported as logs may arrive before their span (logs and traces are batched
 * separately). Spans without input/output of their own take it from events already stored.
 */
export const fillFromStoredEvents = async (sql: SqlSession, projectId: string, spans: NormalizedSpan[]) => {
  const missing = spans.filter((span) => span.input === null || span.output === null);
  if (missing.length === 0) return;
  const bySpan = await loadGenAiEvents(sql, projectId, [...new Set(missing.map((span) => span.traceId))]);
  if (bySpan.size === 0) return;
  for (const span of missing) {
    const events = bySpan.get(`${span.traceId}/${span.spanId}`);
    if (!events) continue;
    const content = composeGenAiContent(events);
    span.input ??= content.input;
    span.output ??= content.output;
  }
};
