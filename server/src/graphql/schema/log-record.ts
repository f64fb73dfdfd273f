import { builder } from '../builder.js';
import { ApplicationRef, loadApplications } from './application.js';

export const LogRecordRef = builder.prismaNode('LogRecord', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description:
    'One OpenTelemetry log record as received on /v1/logs, linked to its trace and span when it carried their ids. GenAI events (`gen_ai.*`) are among them, besides filling their span.',
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    timestamp: t.expose('timestamp', {
      type: 'DateTime',
      description: 'When it happened: the record time, or the time it was observed when the record had none.',
    }),
    severityNumber: t.exposeInt('severityNumber', {
      nullable: true,
      description: 'OpenTelemetry severity: 1-4 TRACE, 5-8 DEBUG, 9-12 INFO, 13-16 WARN, 17-20 ERROR, 21-24 FATAL.',
    }),
    severityText: t.exposeString('severityText', { nullable: true, description: 'As the source spelled it, e.g. ERROR.' }),
    body: t.exposeString('body', { nullable: true, description: 'Text as sent; a structured body (GenAI events) as JSON.' }),
    eventName: t.exposeString('eventName', {
      nullable: true,
      description: 'The event name, from the record or its `event.name` attribute; null for plain logs.',
    }),
    traceId: t.exposeString('traceId', { nullable: true, description: '32 hex digits; null when logged outside a trace.' }),
    spanId: t.exposeString('spanId', { nullable: true, description: '16 hex digits; null when logged outside a span.' }),
    application: t.loadable({
      type: ApplicationRef,
      nullable: true,
      description: 'The application of its resource `service.name`.',
      load: loadApplications,
      resolve: (record) => record.applicationId,
    }),
    attributes: t.expose('attributes', { type: 'JSON', description: 'The record attributes, as sent.' }),
    resourceAttributes: t.expose('resourceAttributes', { type: 'JSON' }),
  }),
});
