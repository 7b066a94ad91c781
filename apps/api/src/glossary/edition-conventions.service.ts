import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EditionConventionView } from '#libs/contracts';
import { DEFAULT_SEVERITIES, type FindingKind, type Severity, type SeverityPolicy } from '#libs/glossary';
import { compileConvention, getScheme, type CompiledScheme, type ConventionDefinition } from '#libs/transliteration';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { EditionConvention } from './edition-convention.entity.js';
import { transliterationDomainError } from './transliteration-errors.js';

/**
 * The edition's languages written in Latin letters from Russian: every language but Russian, the
 * source included (an English book quoting Russian names renders them as much as its translations do).
 */
export const renderedLanguages = (project: { languages: string[] }): string[] => project.languages.filter((l) => !l.startsWith('ru'));

/** What a language gets until the edition chooses: German transcription for German, ALA-LC elsewhere. */
export const defaultSchemeFor = (language: string): string => (language.startsWith('de') ? 'de-duden' : 'ala-lc-plain');

export interface EditionScheme {
  language: string;
  scheme: CompiledScheme;
  severities: SeverityPolicy;
}

export interface SetConventionInput {
  scheme: string;
  convention?: ConventionDefinition | null;
  severities?: Partial<Record<FindingKind, Severity>>;
}

/** The edition's transliteration per target language: which scheme or own convention, and the severities of findings. */
@Injectable()
export class EditionConventionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(access: ProjectAccess): Promise<EditionConventionView[]> {
    const rows = await this.db.getRepository(EditionConvention).findBy({ projectId: access.project.id });
    return renderedLanguages(access.project).map((language) => toView(language, rows.find((r) => r.language === language)));
  }

  /** The compiled scheme and severities of each of `languages`, for checks and proposals. */
  async schemes(projectId: string, languages: readonly string[], m: EntityManager = this.db.manager): Promise<Map<string, EditionScheme>> {
    const rows = await m.getRepository(EditionConvention).findBy({ projectId });
    const out = new Map<string, EditionScheme>();
    for (const language of languages) {
      const row = rows.find((r) => r.language === language);
      out.set(language, { language, scheme: compiled(row, language), severities: { ...DEFAULT_SEVERITIES, ...(row?.severities ?? {}) } });
    }
    return out;
  }

  async set(access: ProjectAccess, actor: AuthUser, language: string, input: SetConventionInput): Promise<EditionConventionView> {
    if (!renderedLanguages(access.project).includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    const custom = input.scheme === 'custom';
    if (custom && !input.convention) throw new DomainError('INVALID_CONVENTION', { problems: 'scheme "custom" needs a convention' });
    try {
      if (custom) compileConvention(input.convention!);
      else getScheme(input.scheme);
    } catch (error) {
      throw transliterationDomainError(error);
    }
    const repo = this.db.getRepository(EditionConvention);
    const row = repo.create({
      projectId: access.project.id,
      language,
      scheme: input.scheme,
      convention: custom ? input.convention! : null,
      severities: input.severities ?? {},
      updatedBy: actor.id,
    });
    await repo.save(row);
    return toView(language, row);
  }
}

function compiled(row: EditionConvention | undefined, language: string): CompiledScheme {
  if (row?.scheme === 'custom' && row.convention) return compileConvention(row.convention);
  return getScheme(row?.scheme ?? defaultSchemeFor(language));
}

function toView(language: string, row: EditionConvention | undefined): EditionConventionView {
  return {
    language,
    scheme: row?.scheme ?? defaultSchemeFor(language),
    convention: row?.convention ?? null,
    severities: { ...DEFAULT_SEVERITIES, ...(row?.severities ?? {}) },
    chosen: !!row,
  };
}
