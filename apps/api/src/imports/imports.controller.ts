import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { JobView } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { readUploadBody } from '../common/http/upload-body.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ImportQueryDto } from './dto/language-query.dto.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Upload a book (Markdown, plain text, a saved web page, Word .docx) as the request body (the file
   * itself, not a form); `rendering` and `encoding` override what the importer detects. Answers 202
   * with the job at once; poll `GET …/jobs/:jobId` (JobsController) for progress and the import
   * report. The body is read here, after the guards, with the limit applied while it streams in.
   */
  @Post('imports')
  @RequirePermission('content.import')
  @HttpCode(202)
  @ApiConsumes('text/markdown', 'text/plain', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async start(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @Req() req: Request,
  ): Promise<JobView> {
    const bytes = await readUploadBody(req, this.config.importMaxBytes);
    return this.imports.startJob(access, user, bytes, query.language, query.filename, { rendering: query.rendering, encoding: query.encoding });
  }
}
