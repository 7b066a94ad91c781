import { migrateDown, migrateUp } from '../../database/migrate.js';
import type { ConfigCliCommand } from '../cli-command.js';
import { withDatabaseUrl } from '../cli-context.js';

export const dbMigrate: ConfigCliCommand = {
  kind: 'config',
  name: 'db:migrate',
  summary: 'Apply every pending migration',
  usage: 'db:migrate',
  options: {},
  async run(config) {
    const { applied } = await withDatabaseUrl(config, migrateUp);
    return {
      data: { applied },
      text: applied.length ? applied.map((m) => `applied ${m}`) : ['The schema is up to date.'],
    };
  },
};

export const dbRevert: ConfigCliCommand = {
  kind: 'config',
  name: 'db:revert',
  summary: 'Revert the newest applied migration',
  usage: 'db:revert',
  options: {},
  async run(config) {
    const reverted = await withDatabaseUrl(config, migrateDown);
    return { data: { reverted }, text: [reverted ? `reverted ${reverted}` : 'No migration is applied.'] };
  },
};
