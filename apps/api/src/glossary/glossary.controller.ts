import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { GlossaryEntryHistoryView, GlossaryEntryView, GlossaryImportView, GlossaryProposalView, GlossaryView, Page } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { readUploadBody } from '../common/http/upload-body.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CreateGlossaryEntryDto, ListGlossaryEntriesQueryDto, ProposeFormsDto, UpdateGlossaryEntryDto } from './dto/glossary-entry.dto.js';
import { CreateGlossaryDto, ExchangeQueryDto, ImportQueryDto, LinkGlossaryDto } from './dto/glossary.dto.js';
import { GlossaryExchangeService } from './glossary-exchange.service.js';
import { GlossaryService } from './glossary.service.js';

/** The glossaries an edition uses and their entries. Writing an entry needs `glossary.edit` in the glossary's own edition. */
@ApiTags('glossary')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class GlossaryController {
  constructor(
    private readonly glossary: GlossaryService,
    private readonly exchange: GlossaryExchangeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('glossaries')
  @RequirePermission('project.read')
  glossaries(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser): Promise<GlossaryView[]> {
    return this.glossary.listGlossaries(access, user);
  }

  @Post('glossaries')
  @RequirePermission('glossary.manage')
  async createGlossary(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Body() dto: CreateGlossaryDto): Promise<GlossaryView[]> {
    await this.glossary.createGlossary(access, dto.name, dto.description);
    return this.glossary.listGlossaries(access, user);
  }

  /** Use another edition's glossary in this one (its entries stay editable only by that edition's members). */
  @Post('glossaries/links')
  @RequirePermission('glossary.manage')
  async link(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Body() dto: LinkGlossaryDto): Promise<GlossaryView[]> {
    await this.glossary.link(access, user, dto.glossaryId);
    return this.glossary.listGlossaries(access, user);
  }

  @Delete('glossaries/links/:glossaryId')
  @RequirePermission('glossary.manage')
  @HttpCode(204)
  unlink(@CurrentProject() access: ProjectAccess, @Param('glossaryId', ParseUUIDPipe) glossaryId: string): Promise<void> {
    return this.glossary.unlink(access, glossaryId);
  }

  @Get('glossary/entries')
  @RequirePermission('project.read')
  list(@CurrentProject() access: ProjectAccess, @Query() query: ListGlossaryEntriesQueryDto): Promise<Page<GlossaryEntryView>> {
    return this.glossary.listEntries(access, query);
  }

  /** A new entry; target languages without forms get those the edition's convention proposes. */
  @Post('glossary/entries')
  @RequirePermission('glossary.edit')
  create(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Body() dto: CreateGlossaryEntryDto): Promise<GlossaryEntryView> {
    return this.glossary.createEntry(access, user, dto);
  }

  @Post('glossary/proposals')
  @RequirePermission('project.read')
  async propose(@CurrentProject() access: ProjectAccess, @Body() dto: ProposeFormsDto): Promise<GlossaryProposalView> {
    return { lemma: dto.lemma, forms: await this.glossary.proposals(access, dto.lemma) };
  }

  @Get('glossary/entries/:entryId')
  @RequirePermission('project.read')
  get(@CurrentProject() access: ProjectAccess, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<GlossaryEntryView> {
    return this.glossary.getEntry(access, entryId);
  }

  @Patch('glossary/entries/:entryId')
  @RequirePermission('glossary.edit')
  update(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('entryId', ParseUUIDPipe) entryId: string,
    @Body() dto: UpdateGlossaryEntryDto,
  ): Promise<GlossaryEntryView> {
    return this.glossary.updateEntry(access, user, entryId, dto);
  }

  @Delete('glossary/entries/:entryId')
  @RequirePermission('glossary.edit')
  @HttpCode(204)
  remove(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<void> {
    return this.glossary.deleteEntry(access, user, entryId);
  }

  @Get('glossary/entries/:entryId/history')
  @RequirePermission('project.read')
  history(@CurrentProject() access: ProjectAccess, @Param('entryId', ParseUUIDPipe) entryId: string): Promise<GlossaryEntryHistoryView[]> {
    return this.glossary.entryHistory(access, entryId);
  }

  @Get('glossary/export')
  @RequirePermission('content.export')
  async export(@CurrentProject() access: ProjectAccess, @Query() query: ExchangeQueryDto, @Res() res: Response): Promise<void> {
    const file = await this.exchange.export(access, query.format, query.glossaryId);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    res.send(file.body);
  }

  /** The file as the request body (text/csv, text/xml, text/markdown or application/octet-stream); one transaction. */
  @Post('glossary/import')
  @RequirePermission('glossary.edit')
  @ApiConsumes('text/csv', 'text/xml', 'text/markdown', 'text/plain', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async import(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Query() query: ImportQueryDto, @Req() req: Request): Promise<GlossaryImportView> {
    // Read only now, after the guards, with the upload limit applied while streaming.
    const bytes = new Uint8Array(await readUploadBody(req, this.config.importMaxBytes));
    return this.exchange.import(access, user, query.format, bytes, { ...(query.glossaryId ? { glossaryId: query.glossaryId } : {}), ...(query.language ? { language: query.language } : {}) });
  }
}
