import { NotFoundError } from '../errors/app-error.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { idArgument } from './id-argument.js';
import { UsageError } from './usage-error.js';

/** A dataset as CLI commands report it. */
export type CliDataset = { id: string; name: string; projectId: string; projectName: string; organizationId: string };

/** An ID (UUID or GraphQL global ID of `typename`) if the text is one, else null: then it is a name. */
const asId = (typename: string, text: string): string | null => {
  const parsed = idArgument(typename).safeParse(text);
  return parsed.success ? parsed.data : null;
};

const listed = (names: string[]) => `${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`;

/** `--project <id|name>`: by ID, or by a name that must be unambiguous across organizations. */
export const resolveProject = async (prisma: PrismaClient, text: string, command: readonly string[]) => {
  const id = asId('Project', text);
  const projects = await prisma.project.findMany({
    where: id ? { id } : { name: text },
    select: { id: true, name: true, organizationId: true },
    take: 11,
  });
  const [only] = projects;
  if (!only) throw new NotFoundError('Project', text);
  if (projects.length > 1) {
    throw new UsageError(
      `several projects are named "${text}"; pass --project with one of their IDs: ${listed(projects.map((p) => p.id))}`,
      command,
    );
  }
  return only;
};

/**
 * The datasets a command acts on: `--dataset <id|name>` (a name must be unambiguous, within
 * `--project` if given), else every dataset of `--project`, else every dataset there is.
 */
export const resolveDatasets = async (
  prisma: PrismaClient,
  options: { dataset?: string | undefined; project?: string | undefined },
  command: readonly string[],
): Promise<CliDataset[]> => {
  const project = options.project === undefined ? null : await resolveProject(prisma, options.project, command);
  const id = options.dataset === undefined ? null : asId('Dataset', options.dataset);
  const datasets = await prisma.dataset.findMany({
    where: {
      ...(project ? { projectId: project.id } : {}),
      ...(options.dataset === undefined ? {} : id ? { id } : { name: options.dataset }),
    },
    select: { id: true, name: true, projectId: true, project: { select: { name: true, organizationId: true } } },
    orderBy: [{ projectId: 'asc' }, { name: 'asc' }],
  });
  if (options.dataset !== undefined) {
    if (datasets.length === 0) throw new NotFoundError('Dataset', options.dataset);
    if (datasets.length > 1) {
      throw new UsageError(
        `datasets named "${options.dataset}" exist in several projects (${listed(datasets.map((d) => d.project.name))}); add --project`,
        command,
      );
    }
  }
  return datasets.map((dataset) => ({
    id: dataset.id,
    name: dataset.name,
    projectId: dataset.projectId,
    projectName: dataset.project.name,
    organizationId: dataset.project.organizationId,
  }));
};
