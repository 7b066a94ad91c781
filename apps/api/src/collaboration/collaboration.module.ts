import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { UsersModule } from '../users/users.module.js';
import { COLLAB_TUNING, collabTuning } from './collab-tuning.js';
import { CollaborationController } from './collaboration.controller.js';
import { CollaborationEvents } from './collaboration-events.js';
import { CollaborationService } from './collaboration.service.js';
import { COLLAB_RELAY } from './collaboration.tokens.js';
import { LiveDocuments } from './live/live-documents.service.js';
import { CollabAuth } from './socket/collab-auth.service.js';
import { CollaborationGateway } from './socket/collaboration.gateway.js';
import { Compactor } from './store/compactor.js';
import { Materializer } from './store/materializer.js';
import { LocalRelay, RedisRelay } from './store/relay.js';
import { UpdateLog } from './store/update-log.js';

/**
 * Live co-editing (docs/collaboration.md): `socket/` speaks y-websocket to browsers through one port,
 * `live/` holds the documents in memory, `store/` keeps them durable (update log, materialiser,
 * compactor, relay between processes). Global, so the services that must route edits through
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
    { provide: COLLAB_TUNING, inject: [APP_CONFIG], useFactory: (config: AppConfig) => collabTuning(config.collab) },
    UpdateLog,
    Materializer,
    Compactor,
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
