import { Controller, Get, Headers, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { JobView } from '#libs/contracts';
import { CurrentProject, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { negotiateLanguage } from '../common/i18n/i18n.js';
import { wordReportWarnings } from '../imports/import-warnings.js';
import { JobsService } from './jobs.service.js';

/** Jobs of a project (imports today; exports and alignment later): progress, result or coded error. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('projects/:projectId/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':jobId')
  @RequirePermission('project.read')
  async job(
    @CurrentProject() access: ProjectAccess,
    @Param('jobId', ParseUUIDPipe) jobId: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<JobView> {
    const language = negotiateLanguage(acceptLanguage);
    const view = await this.jobs.get(access, jobId, language);
    // An import's report carries the importer's warnings: worded in the reader's language.
    return view.kind === 'import' ? { ...view, result: wordReportWarnings(view.result, language) } : view;
  }
}
