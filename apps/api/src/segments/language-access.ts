import { roleAllows } from '#libs/contracts';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProjectAccess } from '../common/guards/request-context.js';

/**
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
