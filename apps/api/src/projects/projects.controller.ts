import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Page, ProjectMember, ProjectSummary } from '#libs/contracts';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { PageQueryDto } from '../common/pagination.js';
import { AddMemberDto, UpdateMemberDto } from './dto/member.dto.js';
import { CreateProjectDto, UpdateProjectDto } from './dto/project.dto.js';
import { ProjectsService, toProjectSummary } from './projects.service.js';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() page: PageQueryDto): Promise<Page<ProjectSummary>> {
    return this.projects.listFor(user, page.offset, page.limit);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateProjectDto): Promise<ProjectSummary> {
    return this.projects.create(user, dto);
  }

  @Get(':projectId')
  @RequirePermission('project.read')
  get(@CurrentProject() access: ProjectAccess): ProjectSummary {
    return toProjectSummary(access.project, access.role);
  }

  @Patch(':projectId')
  @RequirePermission('project.manage')
  update(@CurrentProject() access: ProjectAccess, @Body() dto: UpdateProjectDto): Promise<ProjectSummary> {
    return this.projects.update(access, dto);
  }

  @Delete(':projectId')
  @RequirePermission('project.manage')
  @HttpCode(204)
  remove(@CurrentProject() access: ProjectAccess): Promise<void> {
    return this.projects.remove(access);
  }

  @Get(':projectId/members')
  @RequirePermission('project.read')
  members(@CurrentProject() access: ProjectAccess): Promise<ProjectMember[]> {
    return this.projects.listMembers(access);
  }

  @Post(':projectId/members')
  @RequirePermission('members.manage')
  addMember(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Body() dto: AddMemberDto): Promise<ProjectMember> {
    return this.projects.addMember(access, dto, user.id);
  }

  @Patch(':projectId/members/:userId')
  @RequirePermission('members.manage')
  updateMember(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<ProjectMember> {
    return this.projects.updateMember(access, userId, dto, user.id);
  }

  @Delete(':projectId/members/:userId')
  @RequirePermission('members.manage')
  @HttpCode(204)
  removeMember(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('userId', ParseUUIDPipe) userId: string,
  ): Promise<void> {
    return this.projects.removeMember(access, userId, user.id);
  }
}
