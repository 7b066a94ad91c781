import { roleAllows, type ProjectSummary } from '#libs/contracts';

/** Why a language's text is read-only for the caller, or null when they may edit it. */
export type ReadOnlyReason = 'viewer' | 'role' | 'source' | 'notYours' | 'offline' | null;

/**
 * The same rule as the API's `canEditLanguage` (segments/language-access.ts): the source language is
 * structure (owners and publishers); a target language needs content.edit and, for members limited to
 * some languages, one of theirs. The server's refusal is the real guard; this only keeps the UI
 * honest about what will be accepted.
 */
export function readOnlyReason(project: ProjectSummary, memberLanguages: string[] | null, language: string): ReadOnlyReason {
  const role = project.role;
  if (role === 'viewer') return 'viewer';
  if (language === project.sourceLanguage) return roleAllows(role, 'structure.edit') ? null : 'source';
  if (!roleAllows(role, 'content.edit')) return 'role';
  if (memberLanguages !== null && !memberLanguages.includes(language)) return 'notYours';
  return null;
}

export const canEditStructure = (project: ProjectSummary): boolean => roleAllows(project.role, 'structure.edit');
