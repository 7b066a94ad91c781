import type { DocumentSummary } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

const projectPath = (project: string) => `/projects/${encodeURIComponent(project)}`;

export const listDocuments = (project: string, signal?: AbortSignal): Promise<DocumentSummary[]> =>
  apiClient.get<DocumentSummary[]>(`${projectPath(project)}/documents`, { signal });

/** A document's title in the wanted language, else the source language's, else any. */
export function documentTitle(document: DocumentSummary, wanted: string, sourceLanguage: string): { text: string; lang: string } {
  for (const language of [wanted, sourceLanguage]) {
    const title = document.titles[language];
    if (title) return { text: title, lang: language };
  }
  const [language, title] = Object.entries(document.titles)[0] ?? [sourceLanguage, ''];
  return { text: title, lang: language };
}
