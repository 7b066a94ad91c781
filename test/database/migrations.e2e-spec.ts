import pg from 'pg';
import { migrateDown, migrateUp } from '../../apps/api/src/database/migrate.js';
import { migrations } from '../../migrations/index.js';
import { createDatabase, dropDatabase, serverUrl } from '../setup/test-database.js';

async function tables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const name = `interlinea_migrations_${Date.now().toString(36)}`;
  let url: string;

  beforeAll(async () => {
    url = await createDatabase(serverUrl(), name);
  });
  afterAll(() => dropDatabase(serverUrl(), name));

  it('go up, all the way down, and up again to the same schema', async () => {
    const first = await migrateUp(url);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const schema = await tables(url);
    expect(schema).toEqual(expect.arrayContaining(['users', 'api_tokens', 'projects', 'project_members']));

    expect((await migrateUp(url)).applied).toEqual([]);

    const reverted: string[] = [];
    for (let name = await migrateDown(url); name; name = await migrateDown(url)) reverted.push(name);
    expect(reverted).toEqual(migrations.map((m) => m.name).reverse());
    expect(await tables(url)).toEqual([]);

    expect((await migrateUp(url)).applied).toHaveLength(migrations.length);
    expect(await tables(url)).toEqual(schema);
  });

  it('let two processes migrate one database at once', async () => {
    const other = `${name}_twin`;
    const twinUrl = await createDatabase(serverUrl(), other);
    try {
      const results = await Promise.all([migrateUp(twinUrl), migrateUp(twinUrl)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, migrations.length]);
    } finally {
      await dropDatabase(serverUrl(), other);
    }
  });
});
