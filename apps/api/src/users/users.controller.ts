import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserSummary } from '#libs/contracts';
import { AdminOnly, CurrentUser } from '../common/decorators/auth.decorators.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { CreateUserDto } from './dto/create-user.dto.js';
import { UpdateMeDto } from './dto/update-me.dto.js';
import { toUserSummary } from './user.entity.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  async me(@CurrentUser() user: AuthUser): Promise<UserSummary> {
    return toUserSummary(await this.users.get(user.id));
  }

  /** The caller's own settings: for now the UI language, kept with the account so it follows them. */
  @Patch('me')
  async updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateMeDto): Promise<UserSummary> {
    return toUserSummary(await this.users.updateSettings(user.id, dto));
  }

  /** Administrators create accounts; owners add people to their editions through the members route. */
  @Post()
  @AdminOnly()
  async create(@Body() dto: CreateUserDto): Promise<UserSummary> {
    return toUserSummary(await this.users.create(dto));
  }
}
