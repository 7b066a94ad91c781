import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { HistoryModule } from '../history/history.module.js';
import { VariantHistoryService } from '../history/variant-history.service.js';
import { ReviewController } from './review.controller.js';
import { ReviewService } from './review.service.js';
import { VariantWrites } from './variant-writes.js';

@Module({
  imports: [DocumentsModule, HistoryModule, CommentsModule],
  controllers: [ReviewController],
  providers: [ReviewService, VariantWrites, VariantHistoryService],
  exports: [ReviewService],
})
export class ReviewModule {}
