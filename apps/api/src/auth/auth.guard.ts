import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ADMIN_ONLY, IS_PUBLIC } from '../common/decorators/auth.decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthenticatedRequest } from '../common/guards/request-context.js';
import { AuthService } from './auth.service.js';

/** Global: every route needs a valid bearer token unless it is marked @Public(); @AdminOnly() ones, an administrator's. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const bearer = bearerToken(request.headers.authorization);
    if (!bearer) throw new DomainError('UNAUTHENTICATED');
    request.user = await this.auth.authenticate(bearer);
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [context.getHandler(), context.getClass()]);
    if (adminOnly && !request.user.isAdmin) throw new DomainError('ADMIN_REQUIRED');
    return true;
  }
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
