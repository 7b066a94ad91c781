import { ContentTooLargeError, type InlineContent, InvalidContentError, parseContent } from '#libs/content';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { assertCanEditLanguage } from './language-access.js';
import type { Segment } from './segment.entity.js';

/** Inline content from a request body, or INVALID_CONTENT saying what is wrong and where. */
export function contentFromRequest(value: unknown): InlineContent {
  try {
    return parseContent(value);
  } catch (error) {
    if (error instanceof ContentTooLargeError) throw new DomainError('CONTENT_TOO_LARGE', { limit: error.limit, measure: error.measure });
    if (error instanceof InvalidContentError) throw new DomainError('INVALID_CONTENT', { reason: error.message });
    throw error;
  }
}

/**
 * `{ en: [...], de: [...] }` from a request: every key a language of the project that the caller may
 * write (language-access.ts), every value content.
 */
export function contentMapFromRequest(access: ProjectAccess, map: Record<string, unknown>): Record<string, InlineContent> {
  const out: Record<string, InlineContent> = {};
  for (const [language, value] of Object.entries(map)) {
    assertCanEditLanguage(access, language);
    out[language] = contentFromRequest(value);
  }
  return out;
}

/** A segment row as the collab-schema edit helpers take it, with the texts it should carry. */
export const segmentForDoc = (segment: Segment, variants: Record<string, InlineContent>) => ({
  id: segment.id,
  kind: segment.kind,
  ...(segment.level !== null ? { level: segment.level } : {}),
  ...(segment.footnoteId ? { footnoteId: segment.footnoteId } : {}),
  variants,
});
