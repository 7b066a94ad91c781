import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { AlignmentController } from './alignment.controller.js';
import { AlignmentService } from './alignment.service.js';

@Module({
  imports: [HistoryModule, JobsModule],
  controllers: [AlignmentController],
  providers: [AlignmentService],
  exports: [AlignmentService],
})
export class AlignmentModule {}
