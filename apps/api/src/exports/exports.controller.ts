import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentProject, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { LanguageQueryDto } from '../common/dto/language-query.dto.js';
import { ExportsService } from './exports.service.js';

@ApiTags('exports')
@ApiBearerAuth()
@Controller('projects/:projectId/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('markdown')
  @RequirePermission('content.export')
  @ApiProduces('text/markdown')
  @Header('Cache-Control', 'no-store')
  async markdown(@CurrentProject() access: ProjectAccess, @Query() query: LanguageQueryDto, @Res() res: Response): Promise<void> {
    const { filename, markdown } = await this.exports.markdown(access, query.language);
    res.type('text/markdown; charset=utf-8').attachment(filename).send(markdown);
  }
}
