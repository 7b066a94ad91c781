import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { HistoryModule } from '../history/history.module.js';
import { FootnotesController } from './footnotes.controller.js';
import { FootnotesService } from './footnotes.service.js';

@Module({
  imports: [DocumentsModule, HistoryModule],
  controllers: [FootnotesController],
  providers: [FootnotesService],
  exports: [FootnotesService],
})
export class FootnotesModule {}
