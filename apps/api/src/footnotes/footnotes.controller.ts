import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FootnoteView } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { CreateFootnoteDto, UpdateFootnoteDto } from './dto/footnote.dto.js';
import { FootnotesService } from './footnotes.service.js';

@ApiTags('footnotes')
@ApiBearerAuth()
@Controller('projects/:projectId/documents/:documentId/footnotes')
export class FootnotesController {
  constructor(private readonly footnotes: FootnotesService) {}

  @Get()
  @RequirePermission('project.read')
  list(@CurrentProject() access: ProjectAccess, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<FootnoteView[]> {
    return this.footnotes.list(access, documentId);
  }

  @Post()
  @RequirePermission('structure.edit')
  create(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Body() dto: CreateFootnoteDto,
  ): Promise<FootnoteView> {
    return this.footnotes.create(access, user, documentId, dto);
  }

  @Get(':footnoteId')
  @RequirePermission('project.read')
  get(
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('footnoteId', ParseUUIDPipe) footnoteId: string,
  ): Promise<FootnoteView> {
    return this.footnotes.get(access, documentId, footnoteId);
  }

  @Patch(':footnoteId')
  @RequirePermission('content.edit')
  update(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('footnoteId', ParseUUIDPipe) footnoteId: string,
    @Body() dto: UpdateFootnoteDto,
  ): Promise<FootnoteView> {
    return this.footnotes.update(access, user, documentId, footnoteId, dto);
  }

  @Delete(':footnoteId')
  @RequirePermission('structure.edit')
  @HttpCode(204)
  remove(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Param('footnoteId', ParseUUIDPipe) footnoteId: string,
  ): Promise<void> {
    return this.footnotes.remove(access, user, documentId, footnoteId);
  }
}
