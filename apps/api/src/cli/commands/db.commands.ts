import { migrateDown, migrateUp } from '../../database/migrate.js';
import type { ConfigCliCommand } from '../cli-command.js';
import { withDatabaseUrl } from '../cli-context.js';

export const dbMigrate: ConfigCliCommand = {
  kind: 'config',
  name: 'db:migrate',
  messages: 'dbMigrate',
  options: {},
  async run(config, _values, { t }) {
    const { applied } = await withDatabaseUrl(config, migrateUp);
    return {
      data: { applied },
      text: applied.length ? applied.map((migration) => t('commands.dbMigrate.applied', { migration })) : [t('commands.dbMigrate.upToDate')],
    };
  },
};

export const dbRevert: ConfigCliCommand = {
  kind: 'config',
  name: 'db:revert',
  messages: 'dbRevert',
  options: {},
  async run(config, _values, { t }) {
    const reverted = await withDatabaseUrl(config, migrateDown);
    return {
      data: { reverted },
      text: [reverted ? t('commands.dbRevert.reverted', { migration: reverted }) : t('commands.dbRevert.nothing')],
    };
  },
};
