import { Body, Controller, Delete, Get, Headers, HttpCode, Ip, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  AccessGrant,
  ApiTokenSummary,
  CreatedApiToken,
  LoginResponse,
  RevokedSessions,
  SessionSummary,
} from '#libs/contracts';
import { CurrentUser, Public } from '../common/decorators/auth.decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { bearerToken } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { CreateApiTokenDto } from './dto/create-api-token.dto.js';
import { LoginDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Sign in: starts a session and returns its first access token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Ip() address: string, @Headers('user-agent') userAgent?: string): Promise<LoginResponse> {
    return this.auth.login(dto.email, dto.password, address, userAgent);
  }

  /**
   * A new access token for the session of the bearer access token, which may have expired (the rule
   * is SessionsService.renew's). Public because the guard refuses expired tokens: it checks the token itself.
   */
  @Public()
  @ApiBearerAuth()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Headers('authorization') authorization?: string): Promise<AccessGrant> {
    const bearer = bearerToken(authorization);
    if (!bearer) throw new DomainError('UNAUTHENTICATED');
    return this.auth.refresh(bearer);
  }

  /** Sign out: ends the session of this access token. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  /** The caller’s live sessions, the current one flagged. */
  @ApiBearerAuth()
  @Get('sessions')
  listSessions(@CurrentUser() user: AuthUser): Promise<SessionSummary[]> {
    return this.auth.listSessions(user);
  }

  /** Ends one of the caller’s sessions. */
  @ApiBearerAuth()
  @Delete('sessions/:sessionId')
  @HttpCode(204)
  revokeSession(@CurrentUser() user: AuthUser, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<void> {
    return this.auth.revokeSession(user, sessionId);
  }

  /** Sign out everywhere: ends every session of the caller (API tokens stay). */
  @ApiBearerAuth()
  @Delete('sessions')
  @HttpCode(200)
  async revokeAllSessions(@CurrentUser() user: AuthUser): Promise<RevokedSessions> {
    return { revoked: await this.auth.revokeAllSessions(user) };
  }

  @ApiBearerAuth()
  @Get('tokens')
  listTokens(@CurrentUser() user: AuthUser): Promise<ApiTokenSummary[]> {
    return this.auth.listApiTokens(user.id);
  }

  /** A new personal API token; only a signed-in session makes one (an API token cannot make more). */
  @ApiBearerAuth()
  @Post('tokens')
  createToken(@CurrentUser() user: AuthUser, @Body() dto: CreateApiTokenDto): Promise<CreatedApiToken> {
    if (user.via === 'api-token') throw new DomainError('API_TOKEN_NOT_ALLOWED');
    return this.auth.createApiToken(user.id, dto.name, dto.expiresInDays);
  }

  @ApiBearerAuth()
  @Delete('tokens/:tokenId')
  @HttpCode(204)
  revokeToken(@CurrentUser() user: AuthUser, @Param('tokenId', ParseUUIDPipe) tokenId: string): Promise<void> {
    return this.auth.revokeApiToken(user.id, tokenId);
  }
}
