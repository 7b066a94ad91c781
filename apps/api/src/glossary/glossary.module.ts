import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { EditionConventionsService } from './edition-conventions.service.js';
import { GlossaryChecksController } from './glossary-checks.controller.js';
import { GlossaryChecksService } from './glossary-checks.service.js';
import { GlossaryController } from './glossary.controller.js';
import { GlossaryExchangeService } from './glossary-exchange.service.js';
import { GlossaryFindingsService } from './glossary-findings.service.js';
import { GlossaryService } from './glossary.service.js';

@Module({
  imports: [ProjectsModule, HistoryModule],
  controllers: [GlossaryController, GlossaryChecksController],
  providers: [GlossaryService, GlossaryChecksService, GlossaryExchangeService, EditionConventionsService, GlossaryFindingsService],
  exports: [GlossaryService, GlossaryChecksService],
})
export class GlossaryModule {}
