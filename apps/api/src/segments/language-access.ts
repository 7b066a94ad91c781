import { roleAllows } from '#libs/contracts';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProjectAccess } from '../common/guards/request-context.js';

/**
 * The one rule of who may write which language, asked by every write path (REST bodies with texts,
 * labels or titles; the collaboration socket's updates):
 *
 * - text (a variant, a footnote body) in a language: `canEditLanguage` below;
 * - a label or title in a language (a footnote's printed label, a chapter's title): owners and
 *   publishers for every language of the edition (numbering and chapter names are structure); anyone
 *   else only where they may write the text;
 * - a language that is not one of the edition's: nobody (LANGUAGE_NOT_IN_PROJECT).
 *
 * May the caller change text in this language? The source language is structure (owners and
 * publishers); a target language needs content.edit and, for members limited to some languages, one
 * of theirs. REST and the collaboration socket both ask this.
 */
export function canEditLanguage(access: ProjectAccess, language: string): boolean {
  const project = access.project;
  if (language === project.sourceLanguage) return roleAllows(access.role, 'structure.edit');
  if (!project.targetLanguages.includes(language)) return false;
  if (!roleAllows(access.role, 'content.edit')) return false;
  return access.languages === null || access.languages.includes(language);
}

export function assertCanEditLanguage(access: ProjectAccess, language: string): void {
  if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
  if (!canEditLanguage(access, language)) throw new DomainError('LANGUAGE_NOT_ALLOWED', { language });
}

/** May the caller set labels or titles in this language? (see the rule above) */
export function canLabelLanguage(access: ProjectAccess, language: string): boolean {
  if (!access.project.languages.includes(language)) return false;
  return roleAllows(access.role, 'structure.edit') || canEditLanguage(access, language);
}

/** Every key of a per-language map of labels or titles from a request; the map itself when all may be set. */
export function assertCanLabelLanguages<T>(access: ProjectAccess, map: Record<string, T> | undefined): void {
  for (const language of Object.keys(map ?? {})) {
    if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    if (!canLabelLanguage(access, language)) throw new DomainError('LANGUAGE_NOT_ALLOWED', { language });
  }
}
