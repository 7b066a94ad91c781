import { TransliterationError } from '#libs/transliteration';
import { DomainError } from '../common/errors/domain-error.js';

/** The library's refusals as the API's coded errors; anything else is passed on unchanged. */
export function transliterationDomainError(error: unknown): unknown {
  if (!(error instanceof TransliterationError)) return error;
  if (error.code === 'UNKNOWN_SCHEME') {
    const known = (error.details.known as string[] | undefined) ?? [];
    return new DomainError('TRANSLIT_SCHEME_UNKNOWN', { scheme: String(error.details.scheme), known: known.join(', ') });
  }
  const problems = (error.details.problems as string[] | undefined) ?? [error.message];
  return new DomainError('INVALID_CONVENTION', { problems: problems.join('; ') });
}
