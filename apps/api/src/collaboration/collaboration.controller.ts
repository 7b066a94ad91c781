import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { CollabAuth, type CollabToken } from './socket/collab-auth.service.js';

@ApiTags('collaboration')
@ApiBearerAuth()
@Controller('projects/:projectId/documents/:documentId')
export class CollaborationController {
  constructor(private readonly auth: CollabAuth) {}

  /** A short-lived token for the WebSocket at `url` (pass it as the `token` query parameter). */
  @Post('collab-token')
  @HttpCode(200)
  @RequirePermission('project.read')
  token(
    @CurrentUser() user: AuthUser,
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
  ): Promise<CollabToken> {
    return this.auth.issue(user, access, documentId);
  }
}
