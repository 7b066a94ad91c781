import { Body, Controller, HttpCode, Ip, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RevokedSessions } from '#libs/contracts';
import { AdminOnly, CurrentUser } from '../common/decorators/auth.decorators.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, ResetPasswordDto } from './dto/password.dto.js';

/**
 * Passwords: a user changes their own (knowing the current one), an administrator sets anyone's.
 * Either way the sessions signed in with the old password end, in every process, sockets included.
 */
@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class PasswordsController {
  constructor(private readonly auth: AuthService) {}

  /** Changes the caller's password; their other sessions and all their API tokens end, this session stays. */
  @Put('auth/password')
  @HttpCode(200)
  async change(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Ip() address: string): Promise<RevokedSessions> {
    // A password is changed by someone who signed in with one, not by a script's token.
    if (user.via === 'api-token') throw new DomainError('API_TOKEN_NOT_ALLOWED');
    return { revoked: await this.auth.changePassword(user, dto.currentPassword, dto.newPassword, address) };
  }

  /** An administrator sets a user's password (a forgotten one); all of that user's sessions end. */
  @Put('users/:userId/password')
  @AdminOnly()
  @HttpCode(200)
  async reset(@Param('userId', ParseUUIDPipe) userId: string, @Body() dto: ResetPasswordDto): Promise<RevokedSessions> {
    return { revoked: await this.auth.resetPassword(userId, dto.password) };
  }
}
