import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { CollaborationModule } from './collaboration/collaboration.module.js';
import { CommentsModule } from './comments/comments.module.js';
import { DomainErrorFilter } from './common/errors/domain-error.filter.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { DemoModule } from './demo/demo.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { FootnotesModule } from './footnotes/footnotes.module.js';
import { GlossaryModule } from './glossary/glossary.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { AlignmentModule } from './alignment/alignment.module.js';
import { SegmentsModule } from './segments/segments.module.js';
import { HealthController } from './health/health.controller.js';
import { ProjectAccessGuard } from './projects/project-access.guard.js';
import { ProgressModule } from './progress/progress.module.js';
import { ProjectsModule } from './projects/projects.module.js';
import { ReviewFeedModule } from './review/review-feed.module.js';
import { ReviewModule } from './review/review.module.js';
import { UsersModule } from './users/users.module.js';
import { VariantsModule } from './variants/variants.module.js';

/** The whole application for a resolved configuration (database URL and auth secret known). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)),
        VariantsModule,
        UsersModule,
        AuthModule,
        ProjectsModule,
        DocumentsModule,
        SegmentsModule,
        FootnotesModule,
        ImportsModule,
        AlignmentModule,
        ExportsModule,
        DemoModule,
        CollaborationModule,
        GlossaryModule,
        ReviewFeedModule,
        CommentsModule,
        ProgressModule,
        ReviewModule,
      ],
      controllers: [HealthController],
      providers: [
        // Order matters: authentication first, then the project role check that needs the user.
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_GUARD, useExisting: ProjectAccessGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
    };
  }
}
