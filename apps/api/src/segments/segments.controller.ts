import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, SegmentView } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { IsLanguageTagPipe } from '../common/validation/language-tag.pipe.js';
import {
  InsertSegmentDto,
  ListSegmentsQueryDto,
  MoveSegmentDto,
  SplitSegmentDto,
  UpdateSegmentDto,
  WriteVariantDto,
} from './dto/segment.dto.js';
import { SegmentsService } from './segments.service.js';

@ApiTags('segments')
@ApiBearerAuth()
@Controller('projects/:projectId/documents/:documentId/segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  @RequirePermission('project.read')
  list(
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Query() query: ListSegmentsQueryDto,
  ): Promise<Page<SegmentView>> {
    return this.segments.list(access, documentId, query.offset, query.limit, query.languages);
  }

  @Post()
  @RequirePermission('structure.edit')
  insert(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() dto: InsertSegmentDto,
  ): Promise<SegmentView> {
    return this.segments.insert(access, user, documentId, dto);
  }

  @Get(':segmentId')
  @RequirePermission('project.read')
  get(
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
  ): Promise<SegmentView> {
    return this.segments.get(access, documentId, segmentId);
  }

  @Patch(':segmentId')
  @RequirePermission('structure.edit')
  update(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Body() dto: UpdateSegmentDto,
  ): Promise<SegmentView> {
    return this.segments.update(access, user, documentId, segmentId, dto);
  }

  @Delete(':segmentId')
  @RequirePermission('structure.edit')
  @HttpCode(204)
  remove(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
  ): Promise<void> {
    return this.segments.remove(access, user, documentId, segmentId);
  }

  @Post(':segmentId/move')
  @RequirePermission('structure.edit')
  @HttpCode(200)
  move(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Body() dto: MoveSegmentDto,
  ): Promise<SegmentView> {
    return this.segments.move(access, user, documentId, segmentId, dto.position);
  }

  @Post(':segmentId/split')
  @RequirePermission('structure.edit')
  split(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Body() dto: SplitSegmentDto,
  ): Promise<SegmentView[]> {
    return this.segments.split(access, user, documentId, segmentId, dto);
  }

  @Post(':segmentId/merge-next')
  @RequirePermission('structure.edit')
  @HttpCode(200)
  mergeNext(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
  ): Promise<SegmentView> {
    return this.segments.mergeWithNext(access, user, documentId, segmentId);
  }

  /** The text of one language; the service checks that the caller may edit that language. */
  @Put(':segmentId/variants/:language')
  @RequirePermission('project.read')
  writeVariant(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('segmentId', ParseUUIDPipe) segmentId: string,
    @Param('language', IsLanguageTagPipe) language: string,
    @Body() dto: WriteVariantDto,
  ): Promise<SegmentView> {
    return this.segments.writeVariant(access, user, documentId, segmentId, language, dto);
  }
}
