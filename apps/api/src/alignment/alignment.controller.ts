import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AlignmentConfirmResult, AlignmentView, JobView } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { readUploadBody } from '../common/http/upload-body.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ImportQueryDto } from '../imports/dto/language-query.dto.js';
import { AlignmentService } from './alignment.service.js';
import { AdjustAlignmentDto } from './dto/adjust-alignment.dto.js';
import type { ProposalOperation } from './proposal.js';

/** Aligned imports: propose (a job), review and adjust, confirm or discard. Owners and publishers. */
@ApiTags('alignments')
@ApiBearerAuth()
@Controller('projects/:projectId/alignments')
export class AlignmentController {
  constructor(
    private readonly alignments: AlignmentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Upload the translation as the body; 202 with the job (kind `align`), whose result names the proposal. */
  @Post()
  @RequirePermission('content.import')
  @HttpCode(202)
  @ApiConsumes('text/markdown', 'text/plain', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async start(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Query() query: ImportQueryDto, @Req() req: Request): Promise<JobView> {
    // Read only now, after the guards, with the upload limit applied while streaming.
    const body = await readUploadBody(req, this.config.importMaxBytes);
    return this.alignments.startJob(access, user, body, query.language, query.filename);
  }

  @Get(':alignmentId')
  @RequirePermission('content.import')
  get(@CurrentProject() access: ProjectAccess, @Param('alignmentId', ParseUUIDPipe) id: string): Promise<AlignmentView> {
    return this.alignments.get(access, id);
  }

  @Patch(':alignmentId')
  @RequirePermission('content.import')
  adjust(@CurrentProject() access: ProjectAccess, @Param('alignmentId', ParseUUIDPipe) id: string, @Body() body: AdjustAlignmentDto): Promise<AlignmentView> {
    const operations = body.operations.map((o): ProposalOperation =>
      o.op === 'split' ? { op: 'split', bead: o.bead, source: o.source ?? 0, target: o.target ?? 0 } : { op: o.op, bead: o.bead },
    );
    return this.alignments.adjust(access, id, body.document, operations, body.revision);
  }

  @Post(':alignmentId/confirm')
  @RequirePermission('content.import')
  confirm(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Param('alignmentId', ParseUUIDPipe) id: string): Promise<AlignmentConfirmResult> {
    return this.alignments.confirm(access, user, id);
  }

  @Delete(':alignmentId')
  @RequirePermission('content.import')
  @HttpCode(204)
  discard(@CurrentProject() access: ProjectAccess, @Param('alignmentId', ParseUUIDPipe) id: string): Promise<void> {
    return this.alignments.discard(access, id);
  }
}
