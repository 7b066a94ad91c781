import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission } from '#libs/contracts';
import type { AuthenticatedRequest, AuthUser, ProjectAccess } from '../guards/request-context.js';

export const IS_PUBLIC = 'interlinea:public';
export const REQUIRED_PERMISSION = 'interlinea:permission';
export const ADMIN_ONLY = 'interlinea:admin-only';

/** The route needs no authentication (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The route is for administrators (AuthGuard answers anyone else with ADMIN_REQUIRED). */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);

/**
 * The route acts on the project named by its `:projectId` parameter (an id or a slug) and needs this
 * permission there. ProjectAccessGuard refuses any route with a `:projectId` that does not say this.
 */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);

export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest<AuthenticatedRequest>().user,
);

/** The project of a `:projectId` route with the caller's role in it, resolved by ProjectAccessGuard. */
export const CurrentProject = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ProjectAccess => {
    const access = ctx.switchToHttp().getRequest<AuthenticatedRequest>().projectAccess;
    if (!access) throw new Error('CurrentProject used on a route without RequirePermission');
    return access;
  },
);
