import { Global, Module } from '@nestjs/common';
import { ReviewFeed } from './review-feed.js';
import { VariantsFeed } from './variants-feed.js';

/** Global so that comments, review and collaboration share one feed without importing each other. */
@Global()
@Module({ providers: [ReviewFeed, VariantsFeed], exports: [ReviewFeed] })
export class ReviewFeedModule {}
