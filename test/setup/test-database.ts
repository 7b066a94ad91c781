import pg from 'pg';

/** Where the tests find PostgreSQL: TEST_DATABASE_URL, or the local server with user postgres. */
export const serverUrl = (): string => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the same server. */
export function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(server: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      [
        `The tests need PostgreSQL, and none answered at ${redact(server)}: ${(error as Error).message}.`,
        'Start the local server (as root: pg_ctlcluster --skip-systemctl-redirect 15 main start),',
        'or point TEST_DATABASE_URL at one (postgres://user@host:5432/postgres; the user must be allowed to create databases).',
      ].join('\n'),
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(server: string, name: string): Promise<string> {
  await withAdminClient(server, (c) => c.query(`CREATE DATABASE "${name}"`));
  return databaseUrl(server, name);
}

export async function dropDatabase(server: string, name: string): Promise<void> {
  await withAdminClient(server, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
