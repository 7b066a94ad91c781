import { Body, Controller, Get, HttpCode, type MessageEvent, Param, ParseUUIDPipe, Post, Put, Query, Sse } from '@nestjs/common';
import { filter, interval, last, map, merge, type Observable, takeUntil } from 'rxjs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BulkApproveResult, ChapterReviewState, MemberHistoryItem, SegmentView, VariantHistory } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { IsLanguageTagPipe } from '../common/validation/language-tag.pipe.js';
import { VariantHistoryService } from '../history/variant-history.service.js';
import { ApproveDto, BulkApproveDto, HistoryQueryDto, RejectDto, RevertDto, SetStatusDto } from './dto/review.dto.js';
import { ReviewFeed } from './review-feed.js';
import { ReviewService } from './review.service.js';

const VARIANT = 'documents/:documentId/segments/:segmentId/variants/:language';

@ApiTags('review')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class ReviewController {
  constructor(
    private readonly review: ReviewService,
    private readonly history: VariantHistoryService,
    private readonly feed: ReviewFeed,
  ) {}

  /**
   * Server-sent events: a notice (ids only, never text) whenever a status, an approval or a comment of
   * the chapter changes, so open editors and readers refetch what changed without a reload.
   */
  @Sse('documents/:documentId/review/events')
  @RequirePermission('project.read')
  events(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
  ): Observable<MessageEvent> {
    const projectId = access.project.id;
    const notices = this.feed.stream();
    // The keep-alive stops with the feed, so the stream ends at shutdown; and when the caller's
    // access changes (removed, signed out), so that their reconnect is authorised again.
    const ended = merge(notices.pipe(last(null, null)), this.feed.accessChanged(user.id, projectId));
    return merge(
      notices.pipe(
        filter((notice) => notice.documentId === documentId && notice.projectId === projectId),
        map(({ projectId: _, ...notice }) => notice),
        takeUntil(ended),
        map((notice): MessageEvent => ({ type: 'review', data: notice })),
      ),
      // Keeps proxies from closing an idle stream.
      interval(25_000).pipe(
        map((): MessageEvent => ({ type: 'ping', data: '' })),
        takeUntil(ended),
      ),
    );
  }

  /** Draft or translated: the translator's word on their text (in the languages they may edit). */
  @Put(`${VARIANT}/status`)
  @RequirePermission('content.edit')
  setStatus(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Param('language', IsLanguageTagPipe) language: string,
    @Body() dto: SetStatusDto,
  ): Promise<SegmentView> {
    return this.review.setStatus(access, user, documentId, segmentId, language, dto);
  }

  /** Approves exactly the text read: 409 APPROVAL_STALE with the current text when it changed since. */
  @Post(`${VARIANT}/approve`)
  @RequirePermission('review.decide')
  @HttpCode(200)
  approve(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Param('language', IsLanguageTagPipe) language: string,
    @Body() dto: ApproveDto,
  ): Promise<SegmentView> {
    return this.review.approve(access, user, documentId, segmentId, language, dto);
  }

  @Post(`${VARIANT}/reject`)
  @RequirePermission('review.decide')
  @HttpCode(200)
  reject(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Param('language', IsLanguageTagPipe) language: string,
    @Body() dto: RejectDto,
  ): Promise<SegmentView> {
    return this.review.reject(access, user, documentId, segmentId, language, dto);
  }

  @Get(`${VARIANT}/history`)
  @RequirePermission('project.read')
  variantHistory(
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Param('language', IsLanguageTagPipe) language: string,
    @Query() query: HistoryQueryDto,
  ): Promise<VariantHistory> {
    return this.history.variant(access, documentId, segmentId, language, Math.min(query.limit ?? 100, 500));
  }

  @Post(`${VARIANT}/revert`)
  @RequirePermission('content.edit')
  @HttpCode(200)
  revert(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Param('language', IsLanguageTagPipe) language: string,
    @Body() dto: RevertDto,
  ): Promise<SegmentView> {
    return this.review.revert(access, user, documentId, segmentId, language, dto);
  }

  /** Approves every translated segment of the chapter in one language (or those named), in one transaction. */
  @Post('documents/:documentId/review/approve-all')
  @RequirePermission('review.decide')
  @HttpCode(200)
  approveAll(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() dto: BulkApproveDto,
  ): Promise<BulkApproveResult> {
    return this.review.approveAll(access, user, documentId, dto);
  }

  @Get('documents/:documentId/review')
  @RequirePermission('project.read')
  chapterState(@CurrentProject() access: ProjectAccess, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<ChapterReviewState> {
    return this.review.chapterState(access, documentId);
  }

  @Get('history/members')
  @RequirePermission('project.read')
  memberHistory(@CurrentProject() access: ProjectAccess): Promise<MemberHistoryItem[]> {
    return this.history.members(access);
  }
}
