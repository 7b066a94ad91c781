import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ApiTokenSummary, CreatedApiToken, LoginResponse } from '#libs/contracts';
import { CurrentUser, Public } from '../common/decorators/auth.decorators.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { AuthService } from './auth.service.js';
import { CreateApiTokenDto } from './dto/create-api-token.dto.js';
import { LoginDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.login(dto.email, dto.password);
  }

  @ApiBearerAuth()
  @Get('tokens')
  listTokens(@CurrentUser() user: AuthUser): Promise<ApiTokenSummary[]> {
    return this.auth.listApiTokens(user.id);
  }

  @ApiBearerAuth()
  @Post('tokens')
  createToken(@CurrentUser() user: AuthUser, @Body() dto: CreateApiTokenDto): Promise<CreatedApiToken> {
    return this.auth.createApiToken(user.id, dto.name, dto.expiresInDays);
  }

  @ApiBearerAuth()
  @Delete('tokens/:tokenId')
  @HttpCode(204)
  revokeToken(@CurrentUser() user: AuthUser, @Param('tokenId', ParseUUIDPipe) tokenId: string): Promise<void> {
    return this.auth.revokeApiToken(user.id, tokenId);
  }
}
