import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import type { Page, ProjectMember as ProjectMemberView, ProjectRole, ProjectSummary } from '#libs/contracts';
import { CollaborationEvents } from '../collaboration/collaboration-events.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { HistoryService } from '../history/history.service.js';
import { User } from '../users/user.entity.js';
import { normalizeEmail, UsersService } from '../users/users.service.js';
import type { AddMemberDto, UpdateMemberDto } from './dto/member.dto.js';
import type { CreateProjectDto, UpdateProjectDto } from './dto/project.dto.js';
import { ProjectMember } from './project-member.entity.js';
import { Project } from './project.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(ProjectMember) private readonly members: Repository<ProjectMember>,
    private readonly users: UsersService,
    private readonly collab: CollaborationEvents,
    private readonly history: HistoryService,
  ) {}

  /** Membership changes are history too: who changed whose role or languages, from what to what. */
  private recordMember(
    tx: EntityManager,
    projectId: string,
    actorId: string | null,
    action: 'member.add' | 'member.update' | 'member.remove',
    userId: string,
    before: Pick<ProjectMember, 'role' | 'languages'> | null,
    after: Pick<ProjectMember, 'role' | 'languages'> | null,
  ): Promise<void> {
    const shape = (m: Pick<ProjectMember, 'role' | 'languages'> | null) => m && { userId, role: m.role, languages: m.languages };
    return this.history.record(tx, { projectId, actorId, source: 'rest', action, before: shape(before), after: shape(after) });
  }

  /** Creates an edition; its creator becomes its owner. */
  async create(creator: AuthUser, dto: CreateProjectDto): Promise<ProjectSummary> {
    assertLanguages(dto.sourceLanguage, dto.targetLanguages);
    try {
      return await this.db.transaction(async (tx) => {
        const project = await tx.save(
          tx.create(Project, {
            slug: dto.slug,
            title: dto.title.trim(),
            sourceLanguage: dto.sourceLanguage,
            targetLanguages: dto.targetLanguages,
            createdBy: creator.id,
          }),
        );
        await tx.insert(ProjectMember, { projectId: project.id, userId: creator.id, role: 'owner', languages: null });
        await this.recordMember(tx, project.id, creator.id, 'member.add', creator.id, null, { role: 'owner', languages: null });
        return toProjectSummary(project, 'owner');
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_projects_slug')) throw new DomainError('SLUG_TAKEN', { slug: dto.slug });
      throw error;
    }
  }

  /** The editions the user is a member of (administrators: all), newest first. */
  async listFor(user: AuthUser, offset: number, limit: number): Promise<Page<ProjectSummary>> {
    const query = this.projects
      .createQueryBuilder('p')
      .leftJoin(ProjectMember, 'm', 'm.project_id = p.id AND m.user_id = :userId', { userId: user.id })
      .addSelect('m.role', 'member_role')
      .orderBy('p.updated_at', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .offset(offset)
      .limit(limit);
    if (!user.isAdmin) query.where('m.user_id IS NOT NULL');
    const [{ entities, raw }, total] = await Promise.all([query.getRawAndEntities(), query.getCount()]);
    const items = entities.map((p, i) =>
      toProjectSummary(p, ((raw[i] as { member_role: ProjectRole | null }).member_role ?? 'owner') as ProjectRole),
    );
    return { items, total, offset, limit };
  }

  /**
   * The caller's access to a project given by id or slug. Non-members get PROJECT_NOT_FOUND, exactly
   * like a project that does not exist, so that membership is needed even to learn a project exists.
   * Administrators act as owners of every project.
   */
  async access(user: AuthUser, idOrSlug: string): Promise<ProjectAccess> {
    const project = await this.projects.findOneBy(UUID.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug });
    const member = project ? await this.members.findOneBy({ projectId: project.id, userId: user.id }) : null;
    if (project && member) return { project, role: member.role, languages: member.languages };
    if (project && user.isAdmin) return { project, role: 'owner', languages: null };
    throw new DomainError('PROJECT_NOT_FOUND', { project: idOrSlug });
  }

  async update(access: ProjectAccess, dto: UpdateProjectDto): Promise<ProjectSummary> {
    const project = access.project;
    const sourceLanguage = project.sourceLanguage;
    const targetLanguages = dto.targetLanguages ?? project.targetLanguages;
    assertLanguages(sourceLanguage, targetLanguages);
    await this.projects.update({ id: project.id }, { title: dto.title?.trim() ?? project.title, targetLanguages });
    const updated = await this.projects.findOneByOrFail({ id: project.id });
    const changed = targetLanguages.length !== project.targetLanguages.length || targetLanguages.some((l, i) => l !== project.targetLanguages[i]);
    if (changed) this.collab.languagesChanged(project.id);
    return toProjectSummary(updated, access.role);
  }

  async remove(access: ProjectAccess): Promise<void> {
    await this.projects.delete({ id: access.project.id });
    this.collab.projectDeleted(access.project.id);
  }

  async listMembers(access: ProjectAccess): Promise<ProjectMemberView[]> {
    const rows = await this.members
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.user', User, 'u', 'u.id = m.user_id')
      .where('m.project_id = :projectId', { projectId: access.project.id })
      .orderBy('m.created_at', 'ASC')
      .getMany();
    return rows.map((m) => toMemberView(m, (m as ProjectMember & { user: User }).user));
  }

  /** Adds a member by email; with a password, an owner can create the account at the same time. */
  async addMember(access: ProjectAccess, dto: AddMemberDto, actorId: string | null = null): Promise<ProjectMemberView> {
    this.assertMemberLanguages(access.project, dto.languages ?? null);
    const run = this.db.transaction(async (tx) => {
      // Account and membership together: a failed membership must not leave a new account behind.
      let user = await tx.findOneBy(User, { email: normalizeEmail(dto.email) });
      if (!user) {
        if (!dto.password) throw new DomainError('USER_NOT_FOUND', { user: dto.email });
        user = await this.users.create({ email: dto.email, password: dto.password, displayName: dto.displayName }, tx);
      }
      const exists = await tx.existsBy(ProjectMember, { projectId: access.project.id, userId: user.id });
      if (exists) throw new DomainError('MEMBER_EXISTS', { email: user.email });
      // insert, not save: save would quietly turn an existing membership into an update.
      await tx.insert(ProjectMember, {
        projectId: access.project.id,
        userId: user.id,
        role: dto.role,
        languages: dto.languages ?? null,
      });
      const member = await tx.findOneByOrFail(ProjectMember, { projectId: access.project.id, userId: user.id });
      await this.recordMember(tx, access.project.id, actorId, 'member.add', user.id, null, member);
      return toMemberView(member, user);
    });
    return run.catch((error: unknown) => {
      // Two owners adding the same person at the same moment: the second one loses the race here.
      if (isUniqueViolation(error, 'pk_project_members')) throw new DomainError('MEMBER_EXISTS', { email: dto.email });
      if (isUniqueViolation(error, 'uq_users_email')) throw new DomainError('EMAIL_TAKEN', { email: dto.email });
      throw error;
    });
  }

  async updateMember(access: ProjectAccess, userId: string, dto: UpdateMemberDto, actorId: string | null = null): Promise<ProjectMemberView> {
    if (dto.languages !== undefined) this.assertMemberLanguages(access.project, dto.languages);
    const view = await this.db.transaction(async (tx) => {
      const member = await this.lockMember(tx, access.project.id, userId);
      if (member.role === 'owner' && dto.role && dto.role !== 'owner') await this.assertAnotherOwner(tx, access.project.id);
      const before = { role: member.role, languages: member.languages };
      if (dto.role) member.role = dto.role;
      if (dto.languages !== undefined) member.languages = dto.languages;
      await tx.save(member);
      await this.recordMember(tx, access.project.id, actorId, 'member.update', userId, before, member);
      return toMemberView(member, await tx.findOneByOrFail(User, { id: userId }));
    });
    this.collab.membershipChanged(access.project.id, userId);
    return view;
  }

  async removeMember(access: ProjectAccess, userId: string, actorId: string | null = null): Promise<void> {
    await this.db.transaction(async (tx) => {
      const member = await this.lockMember(tx, access.project.id, userId);
      if (member.role === 'owner') await this.assertAnotherOwner(tx, access.project.id);
      await tx.delete(ProjectMember, { projectId: access.project.id, userId });
      await this.recordMember(tx, access.project.id, actorId, 'member.remove', userId, member, null);
    });
    this.collab.membershipChanged(access.project.id, userId);
  }

  private async lockMember(tx: EntityManager, projectId: string, userId: string): Promise<ProjectMember> {
    // Lock every membership row of the project: two owners demoting each other must not both succeed.
    const rows = await tx
      .createQueryBuilder(ProjectMember, 'm')
      .setLock('pessimistic_write')
      .where('m.project_id = :projectId', { projectId })
      .getMany();
    const member = rows.find((m) => m.userId === userId);
    if (!member) throw new DomainError('MEMBER_NOT_FOUND');
    return member;
  }

  private async assertAnotherOwner(tx: EntityManager, projectId: string): Promise<void> {
    const owners = await tx.countBy(ProjectMember, { projectId, role: 'owner' });
    if (owners <= 1) throw new DomainError('LAST_OWNER');
  }

  private assertMemberLanguages(project: Project, languages: string[] | null): void {
    for (const language of languages ?? []) {
      if (!project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    }
  }
}

function assertLanguages(source: string, targets: string[]): void {
  if (targets.includes(source)) throw new DomainError('SOURCE_LANGUAGE_AS_TARGET', { language: source });
}

export const toProjectSummary = (p: Project, role: ProjectRole): ProjectSummary => ({
  id: p.id,
  slug: p.slug,
  title: p.title,
  sourceLanguage: p.sourceLanguage,
  targetLanguages: p.targetLanguages,
  role,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

const toMemberView = (m: ProjectMember, u: User): ProjectMemberView => ({
  userId: u.id,
  email: u.email,
  displayName: u.displayName,
  role: m.role,
  languages: m.languages,
  createdAt: m.createdAt.toISOString(),
});
