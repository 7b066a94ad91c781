import { Body, Controller, Get, Header, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { JobView } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { readUploadBody } from '../common/http/upload-body.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { LanguageQueryDto } from '../common/dto/language-query.dto.js';
import { CreateExportDto } from './dto/create-export.dto.js';
import { ExchangeImportService } from './exchange-import.service.js';
import { ExportsService } from './exports.service.js';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    private readonly exchange: ExchangeImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('exports/markdown')
  @RequirePermission('content.export')
  @ApiProduces('text/markdown')
  @Header('Cache-Control', 'no-store')
  async markdown(@CurrentProject() access: ProjectAccess, @Query() query: LanguageQueryDto, @Res() res: Response): Promise<void> {
    const { filename, markdown } = await this.exports.markdown(access, query.language);
    res.type('text/markdown; charset=utf-8').attachment(filename).send(markdown);
  }

  /**
   * Starts an export (PDF, HTML, DOCX, EPUB, Markdown, XLIFF, TMX). Answers 202 with the job; poll
   * `GET …/jobs/:jobId`, then download from the result's `download`.
   */
  @Post('exports')
  @RequirePermission('content.export')
  @HttpCode(202)
  start(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Body() body: CreateExportDto): Promise<JobView> {
    return this.exports.startJob(access, user, body);
  }

  @Get('exports/:jobId/file')
  @RequirePermission('content.export')
  @Header('Cache-Control', 'no-store')
  async download(@CurrentProject() access: ProjectAccess, @Param('jobId', ParseUUIDPipe) jobId: string, @Res() res: Response): Promise<void> {
    const file = await this.exports.file(access, jobId);
    res.type(file.mediaType).attachment(file.filename).send(file.content);
  }

  /** Re-imports an XLIFF 2 file of this edition (the body): changed targets are written, conflicts reported. */
  @Post('imports/xliff')
  @RequirePermission('content.edit')
  @HttpCode(202)
  @ApiConsumes('application/xliff+xml', 'application/xml', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async importXliff(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<JobView> {
    return this.exchange.startXliff(access, user, await readUploadBody(req, this.config.importMaxBytes));
  }

  /** Imports a TMX file's units whose tuid is a segment of this edition as its aligned variants. */
  @Post('imports/tmx')
  @RequirePermission('content.edit')
  @HttpCode(202)
  @ApiConsumes('application/x-tmx+xml', 'application/xml', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async importTmx(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Req() req: Request): Promise<JobView> {
    return this.exchange.startTmx(access, user, await readUploadBody(req, this.config.importMaxBytes));
  }
}
