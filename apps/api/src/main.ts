import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DataDirectoryInUseError } from './database/embedded-postgres.js';
import { startServer } from './server.js';

/** `npm start`: validate the configuration, start, print where to go, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const logger = new Logger('Interlinea');
  const config = loadConfig();
  const server = await startServer(config, logger);
  const lines = [`Interlinea is running at ${server.url}`, `API description: ${server.url}/api/docs`];
  if (server.embedded) lines.push(`Embedded database: ${server.embedded.dataDir} (set DATABASE_URL to use a server)`);
  if (server.seed?.created) {
    lines.push(
      `First run: administrator ${server.seed.adminEmail} / password ${server.seed.adminPassword}`,
      `Demo edition: "${server.seed.projectTitle}" (${server.seed.projectSlug})`,
    );
  }
  console.log(`\n  ${lines.join('\n  ')}\n`);

  const stop = (signal: string): void => {
    logger.log(`${signal} received: finishing requests and shutting down`);
    const force = setTimeout(() => {
      logger.error('Shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirectoryInUseError) {
    console.error(`\n  ${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
