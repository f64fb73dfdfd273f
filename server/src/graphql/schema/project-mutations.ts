import { actorOf } from '../../auth/principal.js';
import { createProject, deleteProject, renameProject, setProjectRetention } from '../../domain/projects.js';
import { builder } from '../builder.js';
import { encodeGlobalId } from '../global-id.js';
import { mutationErrors } from './errors.js';
import { ProjectRef } from './project.js';

const CreateProjectInput = builder.inputType('CreateProjectInput', {
  fields: (t) => ({ name: t.string({ required: true }) }),
});

type Project = Awaited<ReturnType<typeof createProject>>;

const ProjectPayload = builder.objectRef<{ project: Project }>('ProjectPayload').implement({
  fields: (t) => ({ project: t.field({ type: ProjectRef, resolve: (payload) => payload.project }) }),
});

builder.mutationField('createProject', (t) =>
  t.field({
    type: ProjectPayload,
    authScopes: { organizationAdmin: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: CreateProjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      project: await createProject(ctx, actorOf(ctx.principal, ctx.requestId), input),
    }),
  }),
);

const RenameProjectInput = builder.inputType('RenameProjectInput', {
  fields: (t) => ({
    id: t.globalID({ for: ProjectRef, required: true }),
    name: t.string({ required: true }),
  }),
});

builder.mutationField('renameProject', (t) =>
  t.field({
    type: ProjectPayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    args: { input: t.arg({ type: RenameProjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      project: await renameProject(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        name: input.name,
      }),
    }),
  }),
);

const DeleteProjectInput = builder.inputType('DeleteProjectInput', {
  fields: (t) => ({ id: t.globalID({ for: ProjectRef, required: true }) }),
});

const DeleteProjectPayload = builder.objectRef<{ deletedProjectId: string }>('DeleteProjectPayload').implement({
  fields: (t) => ({ deletedProjectId: t.exposeID('deletedProjectId') }),
});

builder.mutationField('deleteProject', (t) =>
  t.field({
    type: DeleteProjectPayload,
    authScopes: { organizationAdmin: true },
    errors: { types: mutationErrors },
    description: 'Deletes the project with all its data. A key cannot delete its own project.',
    args: { input: t.arg({ type: DeleteProjectInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await deleteProject(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), input.id.id);
      return { deletedProjectId: encodeGlobalId('Project', input.id.id) };
    },
  }),
);

const SetProjectRetentionInput = builder.inputType('SetProjectRetentionInput', {
  fields: (t) => ({
    id: t.globalID({ for: ProjectRef, required: true }),
    days: t.int({ required: false, description: 'Days of telemetry to keep (1–3650); null or absent keeps it forever.' }),
  }),
});

builder.mutationField('setProjectRetention', (t) =>
  t.field({
    type: ProjectPayload,
    authScopes: { admin: true },
    errors: { types: mutationErrors },
    description: 'How long traces, spans and logs are kept. A background job deletes older ones hourly.',
    args: { input: t.arg({ type: SetProjectRetentionInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      project: await setProjectRetention(ctx, ctx.principal, actorOf(ctx.principal, ctx.requestId), {
        id: input.id.id,
        days: input.days ?? null,
      }),
    }),
  }),
);
