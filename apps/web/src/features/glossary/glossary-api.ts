import type {
  ConsistencyReportView,
  EditionConventionView,
  EntryForm,
  EntryKind,
  GlossaryEntryHistoryView,
  GlossaryEntryView,
  GlossaryImportView,
  GlossaryProposalView,
  GlossarySuggestionView,
  GlossaryView,
  Page,
} from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

const base = (projectId: string) => `/projects/${encodeURIComponent(projectId)}`;

export interface EntryInput {
  lemma: string | null;
  kind: EntryKind;
  firstName: string | null;
  patronymic: string | null;
  definition: string;
  notes: string;
  forms: Record<string, EntryForm[]>;
}

export const listGlossaries = (projectId: string, signal?: AbortSignal) => apiClient.get<GlossaryView[]>(`${base(projectId)}/glossaries`, { signal });

export const listEntries = (projectId: string, query: { q?: string; kind?: string; offset: number; limit: number }, signal?: AbortSignal) =>
  apiClient.get<Page<GlossaryEntryView>>(`${base(projectId)}/glossary/entries`, { query: { ...query, q: query.q || undefined, kind: query.kind || undefined }, signal });

export const createEntry = (projectId: string, entry: EntryInput) => apiClient.post<GlossaryEntryView>(`${base(projectId)}/glossary/entries`, entry);

export const updateEntry = (projectId: string, id: string, revision: number, entry: EntryInput) =>
  apiClient.request<GlossaryEntryView>('PATCH', `${base(projectId)}/glossary/entries/${id}`, { body: { ...entry, revision } });

export const deleteEntry = (projectId: string, id: string) => apiClient.request<void>('DELETE', `${base(projectId)}/glossary/entries/${id}`);

export const entryHistory = (projectId: string, id: string, signal?: AbortSignal) =>
  apiClient.get<GlossaryEntryHistoryView[]>(`${base(projectId)}/glossary/entries/${id}/history`, { signal });

export const proposeForms = (projectId: string, lemma: string) => apiClient.post<GlossaryProposalView>(`${base(projectId)}/glossary/proposals`, { lemma });

export const listConventions = (projectId: string, signal?: AbortSignal) => apiClient.get<EditionConventionView[]>(`${base(projectId)}/glossary/conventions`, { signal });

export const setConvention = (projectId: string, language: string, scheme: string) =>
  apiClient.request<EditionConventionView>('PUT', `${base(projectId)}/glossary/conventions/${language}`, { body: { scheme } });

export const consistencyReport = (projectId: string, language: string, signal?: AbortSignal) =>
  apiClient.get<ConsistencyReportView>(`${base(projectId)}/glossary/report`, { query: { language }, signal });

export const suggestions = (projectId: string, signal?: AbortSignal) => apiClient.get<GlossarySuggestionView[]>(`${base(projectId)}/glossary/suggestions`, { query: { limit: 30 }, signal });

export const entryFromCluster = (projectId: string, body: { language: string; kind: EntryKind; forms: EntryForm[]; segmentIds: string[] }) =>
  apiClient.post<GlossaryEntryView>(`${base(projectId)}/glossary/entries/from-cluster`, body);

export const importGlossary = (projectId: string, format: 'csv' | 'tbx' | 'terms', file: Blob) =>
  apiClient.post<GlossaryImportView>(`${base(projectId)}/glossary/import`, file, { query: { format } });

export const exportGlossary = (projectId: string, format: 'csv' | 'tbx') => apiClient.download(`${base(projectId)}/glossary/export`, { query: { format } });
