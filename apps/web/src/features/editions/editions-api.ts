import type { DocumentSummary, FootnoteView, Page, SegmentView } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

/** Segments per request: a long chapter arrives in windows, the first one quickly. The API allows ≤ 500. */
export const SEGMENT_WINDOW = 200;

const projectPath = (project: string) => `/projects/${encodeURIComponent(project)}`;

export const listDocuments = (project: string, signal?: AbortSignal): Promise<DocumentSummary[]> =>
  apiClient.get<DocumentSummary[]>(`${projectPath(project)}/documents`, { signal });

export const getDocument = (project: string, documentId: string, signal?: AbortSignal): Promise<DocumentSummary> =>
  apiClient.get<DocumentSummary>(`${projectPath(project)}/documents/${encodeURIComponent(documentId)}`, { signal });

export const listSegments = (
  project: string,
  documentId: string,
  window: { offset: number; limit: number; languages: string[] },
  signal?: AbortSignal,
): Promise<Page<SegmentView>> =>
  apiClient.get<Page<SegmentView>>(`${projectPath(project)}/documents/${encodeURIComponent(documentId)}/segments`, {
    query: { offset: window.offset, limit: window.limit, languages: window.languages.join(',') },
    signal,
  });

export const listFootnotes = (project: string, documentId: string, signal?: AbortSignal): Promise<FootnoteView[]> =>
  apiClient.get<FootnoteView[]>(`${projectPath(project)}/documents/${encodeURIComponent(documentId)}/footnotes`, {
    signal,
  });

/** A document's title in the wanted language, else the source language's, else any. */
export function documentTitle(document: DocumentSummary, wanted: string, sourceLanguage: string): { text: string; lang: string } {
  for (const language of [wanted, sourceLanguage]) {
    const title = document.titles[language];
    if (title) return { text: title, lang: language };
  }
  const [language, title] = Object.entries(document.titles)[0] ?? [sourceLanguage, ''];
  return { text: title, lang: language };
}
