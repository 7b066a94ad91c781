import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommentThreadView, MentionView } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { CommentsService } from './comments.service.js';
import { CreateCommentDto, ListThreadsQueryDto, ReplyDto, UpdateThreadDto } from './dto/comment.dto.js';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get('documents/:documentId/comments')
  @RequirePermission('project.read')
  list(
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Query() query: ListThreadsQueryDto,
  ): Promise<CommentThreadView[]> {
    return this.comments.listThreads(access, documentId, query);
  }

  @Post('documents/:documentId/comments')
  @RequirePermission('comments.write')
  create(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() dto: CreateCommentDto,
  ): Promise<CommentThreadView> {
    return this.comments.create(access, user, documentId, dto);
  }

  @Get('comments/:commentId')
  @RequirePermission('project.read')
  get(@CurrentProject() access: ProjectAccess, @Param('commentId', ParseUUIDPipe) commentId: string): Promise<CommentThreadView> {
    return this.comments.getThread(access, commentId);
  }

  @Post('comments/:commentId/replies')
  @RequirePermission('comments.write')
  reply(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('commentId', ParseUUIDPipe) commentId: string,
    @Body() dto: ReplyDto,
  ): Promise<CommentThreadView> {
    return this.comments.reply(access, user, commentId, dto);
  }

  @Patch('comments/:commentId')
  @RequirePermission('comments.write')
  update(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('commentId', ParseUUIDPipe) commentId: string,
    @Body() dto: UpdateThreadDto,
  ): Promise<CommentThreadView> {
    return this.comments.setResolved(access, user, commentId, dto.resolved);
  }

  @Get('mentions')
  @RequirePermission('project.read')
  mentions(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser): Promise<MentionView[]> {
    return this.comments.mentionsOf(access, user);
  }
}
