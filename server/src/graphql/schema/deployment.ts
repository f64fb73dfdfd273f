import { builder } from '../builder.js';

export const DeploymentRef = builder.prismaNode('Deployment', {
  // A missing or foreign object resolves to null, as Relay clients expect, not to an error.
  nullable: true,
  id: { field: 'id' },
  description: "An application's `service.version` + `deployment.environment`, so deployments can be compared.",
  findUnique: (id, ctx) => ({ id, AND: [{ projectId: ctx.principal.projectId }] }),
  fields: (t) => ({
    version: t.exposeString('version', { description: "'' where the resource did not say." }),
    environment: t.exposeString('environment', { description: "'' where the resource did not say." }),
    firstSeenAt: t.expose('firstSeenAt', { type: 'DateTime' }),
    application: t.relation('application'),
  }),
});
