import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { DocumentProgress, ProjectProgress } from '#libs/contracts';
import { CurrentProject, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { ProgressService } from './progress.service.js';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('projects/:projectId')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get('progress')
  @RequirePermission('project.read')
  project(@CurrentProject() access: ProjectAccess): Promise<ProjectProgress> {
    return this.progress.project(access);
  }

  @Get('documents/:documentId/progress')
  @RequirePermission('project.read')
  document(@CurrentProject() access: ProjectAccess, @Param('documentId', ParseUUIDPipe) documentId: string): Promise<DocumentProgress> {
    return this.progress.document(access, documentId);
  }
}
