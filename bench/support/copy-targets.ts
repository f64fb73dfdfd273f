import type { SqlClient } from '../../server/src/db/sql-client.js';
import type { CopyTargets } from './span-copy-rows.js';

/**
 * Creates the applications (and one deployment each: version 1.4.2, production, as the generated
 * spans say) that COPYed spans point at; ingestion would create them on first sight.
 */
export const prepareCopyTargets = async (
  sql: SqlClient,
  projectId: string,
  applications: readonly string[],
): Promise<CopyTargets> => {
  await sql.query(
    `INSERT INTO "Application" ("projectId", "name") SELECT $1, n FROM unnest($2::text[]) AS n ON CONFLICT DO NOTHING`,
    [projectId, applications],
  );
  const apps = await sql.query<{ id: string; name: string }>(`SELECT id, name FROM "Application" WHERE "projectId" = $1`, [
    projectId,
  ]);
  await sql.query(
    `INSERT INTO "Deployment" ("projectId", "applicationId", "version", "environment")
     SELECT $1, id, '1.4.2', 'production' FROM "Application" WHERE "projectId" = $1 ON CONFLICT DO NOTHING`,
    [projectId],
  );
  const deployments = await sql.query<{ id: string; name: string }>(
    `SELECT d.id, a.name FROM "Deployment" d JOIN "Application" a ON a.id = d."applicationId" WHERE d."projectId" = $1`,
    [projectId],
  );
  return {
    projectId,
    applicationIds: new Map(apps.map((a) => [a.name, a.id])),
    deploymentIds: new Map(deployments.map((d) => [d.name, d.id])),
  };
};
