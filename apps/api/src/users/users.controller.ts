import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserSummary } from '#libs/contracts';
import { CurrentUser } from '../common/decorators/auth.decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { CreateUserDto } from './dto/create-user.dto.js';
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

  /** Administrators create accounts; owners add people to their editions through the members route. */
  @Post()
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto): Promise<UserSummary> {
    if (!user.isAdmin) throw new DomainError('ADMIN_REQUIRED');
    return toUserSummary(await this.users.create(dto));
  }
}
