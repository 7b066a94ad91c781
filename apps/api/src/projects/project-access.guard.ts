import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Permission, roleAllows } from '#libs/contracts';
import { REQUIRED_PERMISSION } from '../common/decorators/auth.decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthenticatedRequest } from '../common/guards/request-context.js';
import { ProjectsService } from './projects.service.js';

/**
 * Global, after AuthGuard: the one check of project roles. A route with a `:projectId` parameter
 * must declare @RequirePermission; one that does not is refused (fail closed), so a new route cannot
 * forget authorisation silently.
 */
@Injectable()
export class ProjectAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly projects: ProjectsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, [
      context.getHandler(),
      context.getClass(),
    ]);
    const projectId = request.params?.projectId;
    if (typeof projectId !== 'string') {
      if (permission) throw new Error(`@RequirePermission on a route without :projectId (${request.route?.path})`);
      return true;
    }
    if (!permission) throw new DomainError('FORBIDDEN');
    const access = await this.projects.access(request.user, projectId);
    if (!roleAllows(access.role, permission)) throw new DomainError('PERMISSION_DENIED', { role: access.role });
    request.projectAccess = access;
    return true;
  }
}
