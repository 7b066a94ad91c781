/**
 * What the write helpers refuse. Readers never throw (a client can write anything into the
 * document); writers are called by our own server code, and a refusal there is a caller's mistake
 * or a request about something that is not in the document. The API maps the codes to its own.
 */
export type ChapterDocErrorCode =
  | 'SEGMENT_NOT_FOUND'
  | 'SEGMENT_EXISTS'
  | 'FOOTNOTE_NOT_FOUND'
  | 'INVALID_KIND_CHANGE'
  | 'INVALID_LANGUAGE'
  | 'DOC_NOT_EMPTY'
  | 'TEXT_NOT_EMPTY'
  | 'TEXT_NOT_INTEGRATED';

export class ChapterDocError extends Error {
  constructor(
    readonly code: ChapterDocErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
    this.name = 'ChapterDocError';
  }
}
