import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { JobView } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { ImportQueryDto } from './dto/language-query.dto.js';
import { ImportsService } from './imports.service.js';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * Upload a book (Markdown, plain text, a saved web page, Word .docx) as the request body; `rendering`
   * and `encoding` override what the importer detects. Answers 202 with the job at once;
   * poll `GET …/jobs/:jobId` (JobsController) for progress and the import report.
   */
  @Post('imports')
  @RequirePermission('content.import')
  @HttpCode(202)
  @ApiConsumes('text/markdown', 'text/plain', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  start(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Query() query: ImportQueryDto,
    @Req() req: Request,
  ): Promise<JobView> {
    const body: unknown = req.body;
    const bytes = Buffer.isBuffer(body) ? body : new Uint8Array();
    return this.imports.startJob(access, user, bytes, query.language, query.filename, { rendering: query.rendering, encoding: query.encoding });
  }
}
