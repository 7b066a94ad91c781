import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ImportsController } from './imports.controller.js';
import { ImportsService } from './imports.service.js';

@Module({
  imports: [HistoryModule, JobsModule],
  controllers: [ImportsController],
  providers: [ImportsService],
  exports: [ImportsService],
})
export class ImportsModule {}
