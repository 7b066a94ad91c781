import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConsistencyReportView, EditionConventionView, GlossaryCheckView, GlossaryEntryView, GlossarySuggestionView, SchemeInfo } from '#libs/contracts';
import { listSchemes } from '#libs/transliteration';
import { CurrentProject, CurrentUser, RequirePermission } from '../common/decorators/auth.decorators.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { IsLanguageTagPipe } from '../common/validation/language-tag.pipe.js';
import { CheckTextDto, EntryFromClusterDto, FindingsQueryDto, ReportQueryDto, SetConventionDto, SuggestionsQueryDto } from './dto/glossary.dto.js';
import { EditionConventionsService } from './edition-conventions.service.js';
import { GlossaryChecksService } from './glossary-checks.service.js';
import { GlossaryFindingsService, type StoredFindings } from './glossary-findings.service.js';

/** The glossary applied: the edition's conventions, live checks, the consistency report, suggestions. */
@ApiTags('glossary')
@ApiBearerAuth()
@Controller()
export class GlossaryChecksController {
  constructor(
    private readonly checks: GlossaryChecksService,
    private readonly conventions: EditionConventionsService,
    private readonly findingsStore: GlossaryFindingsService,
  ) {}

  /** Every transliteration scheme and built-in convention (as `npm run cli -- translit --list`). */
  @Get('transliteration/schemes')
  schemes(): SchemeInfo[] {
    return listSchemes();
  }

  @Get('projects/:projectId/glossary/conventions')
  @RequirePermission('project.read')
  listConventions(@CurrentProject() access: ProjectAccess): Promise<EditionConventionView[]> {
    return this.conventions.list(access);
  }

  @Put('projects/:projectId/glossary/conventions/:language')
  @RequirePermission('glossary.manage')
  setConvention(
    @CurrentProject() access: ProjectAccess,
    @CurrentUser() user: AuthUser,
    @Param('language', IsLanguageTagPipe) language: string,
    @Body() dto: SetConventionDto,
  ): Promise<EditionConventionView> {
    return this.conventions.set(access, user, language, { scheme: dto.scheme, convention: dto.convention ?? null, ...(dto.severities ? { severities: { ...dto.severities } } : {}) });
  }

  /** Findings of a text as typed (the editor calls this after a keystroke; nothing is stored). */
  @Post('projects/:projectId/glossary/check')
  @RequirePermission('project.read')
  @HttpCode(200)
  check(@CurrentProject() access: ProjectAccess, @Body() dto: CheckTextDto): Promise<GlossaryCheckView> {
    return this.checks.check(access, dto);
  }

  @Get('projects/:projectId/glossary/report')
  @RequirePermission('project.read')
  report(@CurrentProject() access: ProjectAccess, @Query() query: ReportQueryDto): Promise<ConsistencyReportView> {
    return this.checks.report(access, query.language, !query.all);
  }

  @Get('projects/:projectId/glossary/suggestions')
  @RequirePermission('project.read')
  suggestions(@CurrentProject() access: ProjectAccess, @Query() query: SuggestionsQueryDto): Promise<GlossarySuggestionView[]> {
    return this.checks.suggestions(access, query.limit);
  }

  /** The stored findings of a chapter in one language (kept current by every write of its text). */
  @Get('projects/:projectId/documents/:documentId/glossary-findings')
  @RequirePermission('project.read')
  findings(
    @CurrentProject() access: ProjectAccess,
    @Param('documentId', ParseUUIDPipe) documentId: string,
    @Query() query: FindingsQueryDto,
  ): Promise<StoredFindings[]> {
    return this.findingsStore.forDocument(access, documentId, query.language);
  }

  /** One action: a consistency-report cluster becomes an entry with its preferred form. */
  @Post('projects/:projectId/glossary/entries/from-cluster')
  @RequirePermission('glossary.edit')
  fromCluster(@CurrentProject() access: ProjectAccess, @CurrentUser() user: AuthUser, @Body() dto: EntryFromClusterDto): Promise<GlossaryEntryView> {
    return this.checks.entryFromCluster(access, user, { ...dto, segmentIds: dto.segmentIds ?? [] });
  }
}
