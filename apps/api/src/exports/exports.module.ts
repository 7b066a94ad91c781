import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { ExchangeImportService } from './exchange-import.service.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

@Module({
  imports: [JobsModule, SegmentsModule],
  controllers: [ExportsController],
  providers: [ExportsService, ExchangeImportService],
  exports: [ExportsService, ExchangeImportService],
})
export class ExportsModule {}
