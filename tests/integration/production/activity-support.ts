/**
 * For the activity checks of the production tests: what each node's read endpoint says, and row counts straight from
 * the cluster's PostgreSQL database (as Keycloak's own database user).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { findPostgres, type KeycloakCluster } from '@focus-api-access/stack';

/** One number from a query, run with psql as the Keycloak database user; the password goes through the environment. */
export function sqlNumber(cluster: KeycloakCluster, sql: string): Promise<number> {
  const installation = findPostgres();
  if (!installation) throw new Error('PostgreSQL is not installed');
  const { url, username, password } = cluster.database.database;
  const [, host, port, database] = /^jdbc:postgresql:\/\/([^:/]+):(\d+)\/(.+)$/.exec(url) ?? [];
  return new Promise((resolve, reject) => {
    execFile(
      join(installation.binDir, 'psql'),
      [
        '--no-psqlrc',
        '--tuples-only',
        '--no-align',
        `--host=${host}`,
        `--port=${port}`,
        `--username=${username}`,
        `--dbname=${database}`,
        '--command',
        sql,
      ],
      { env: { ...process.env, PGPASSWORD: password } },
      (error, stdout, stderr) => (error ? reject(new Error(`psql: ${stderr.trim() || error.message}`)) : resolve(Number(stdout.trim()))),
    );
  });
}

/** Rows in each table that could hold a trace of a token request: Keycloak's event store and the extension's tables. */
export async function traceCounts(cluster: KeycloakCluster): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['event_entity', 'focus_api_client_address', 'focus_api_client_refusal']) {
    counts[table] = await sqlNumber(cluster, `SELECT count(*) FROM ${table}`);
  }
  return counts;
}
