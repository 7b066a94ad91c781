import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module.js';
import { HistoryModule } from '../history/history.module.js';
import { SegmentsController } from './segments.controller.js';
import { SegmentsService } from './segments.service.js';

@Module({
  imports: [DocumentsModule, HistoryModule],
  controllers: [SegmentsController],
  providers: [SegmentsService],
  exports: [SegmentsService],
})
export class SegmentsModule {}
