import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { UsersModule } from '../users/users.module.js';
import { CollabAuth } from './collab-auth.service.js';
import { CollaborationController } from './collaboration.controller.js';
import { CollaborationEvents } from './collaboration-events.js';
import { CollaborationGateway } from './collaboration.gateway.js';
import { CollaborationService } from './collaboration.service.js';
import { COLLAB_RELAY } from './collaboration.tokens.js';
import { LiveDocuments } from './live-documents.service.js';
import { Materializer } from './materializer.js';
import { LocalRelay, RedisRelay } from './relay.js';
import { UpdateLog } from './update-log.js';

/**
 * Live co-editing (docs/collaboration.md). Global, so the services that must route edits through
 * live documents (segments, footnotes) or report membership changes (projects, documents) can
 * inject CollaborationService and CollaborationEvents without import cycles between feature modules.
 */
@Global()
@Module({
  imports: [AuthModule, ProjectsModule, UsersModule],
  controllers: [CollaborationController],
  providers: [
    {
      provide: COLLAB_RELAY,
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, db: DataSource) =>
        // Keys carry the database name: processes that share a database share documents, and a
        // test run on its own database cannot hear another run.
        config.redisUrl ? new RedisRelay(config.redisUrl, `interlinea:${databaseName(db)}:collab:`) : new LocalRelay(),
    },
    UpdateLog,
    Materializer,
    LiveDocuments,
    CollabAuth,
    CollaborationEvents,
    CollaborationService,
    CollaborationGateway,
  ],
  exports: [CollaborationService, CollaborationEvents],
})
export class CollaborationModule {}

function databaseName(db: DataSource): string {
  const options = db.options as { url?: string; database?: string };
  if (options.url) return new URL(options.url).pathname.slice(1) || 'default';
  return options.database ?? 'default';
}
