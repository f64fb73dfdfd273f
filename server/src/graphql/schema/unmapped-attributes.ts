import { z } from 'zod';
import { type UnmappedAttribute, unmappedAttributes } from '../../tracing/unmapped/unmapped-attributes.js';
import { builder } from '../builder.js';
import { decodeGlobalId } from '../global-id.js';

const UnmappedAttributeRef = builder.objectRef<UnmappedAttribute>('UnmappedAttribute').implement({
  description: 'A span attribute no convention mapper understood, with how often it was seen.',
  fields: (t) => ({
    key: t.exposeString('key'),
    spanCount: t.exposeInt('spanCount'),
    lastSeen: t.expose('lastSeen', { type: 'DateTime' }),
    sampleTraceId: t.exposeString('sampleTraceId', { description: 'OpenTelemetry trace id of a span that carried it.' }),
    sampleSpanId: t.exposeString('sampleSpanId'),
  }),
});

const DAY_MS = 86_400_000;

builder.queryField('unmappedAttributes', (t) =>
  t.field({
    type: [UnmappedAttributeRef],
    authScopes: { viewer: true },
    description:
      "Why is a field of my spans empty? The attribute keys of an application's spans that no mapper " +
      '(GenAI, OpenInference, OpenLLMetry) understood, most frequent first. Defaults to the last 7 days.',
    args: {
      application: t.arg.id({ required: true, description: 'Global ID of the application.' }),
      from: t.arg({ type: 'DateTime', required: false }),
      to: t.arg({ type: 'DateTime', required: false }),
      limit: t.arg.int({ required: false, defaultValue: 50 }),
    },
    validate: z
      .looseObject({ from: z.date().nullish(), to: z.date().nullish(), limit: z.number().int().min(1).max(500).nullish() })
      .refine((a) => !a.from || !a.to || a.from < a.to, { message: '`from` must be before `to`', path: ['from'] }),
    resolve: (_root, args, ctx) => {
      const { typename, id } = decodeGlobalId(args.application);
      // An ID of another type cannot name an application of this project: nothing to report.
      if (typename !== 'Application') return [];
      const to = args.to ?? new Date();
      return unmappedAttributes(ctx.prisma, {
        projectId: ctx.principal.projectId,
        applicationId: id,
        from: args.from ?? new Date(to.getTime() - 7 * DAY_MS),
        to,
        limit: args.limit ?? 50,
      });
    },
  }),
);
