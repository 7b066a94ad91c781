import type { FootnoteView, Page, ProjectMember, SegmentView } from '#libs/contracts';
import type { InlineContent } from '#libs/content';
import { apiClient } from '../../app/api-client.js';
import type { CollabToken } from '../../collab/chapter-connection.js';

const documentPath = (project: string, documentId: string) =>
  `/projects/${encodeURIComponent(project)}/documents/${encodeURIComponent(documentId)}`;

export const fetchCollabToken = (project: string, documentId: string): Promise<CollabToken> =>
  apiClient.post<CollabToken>(`${documentPath(project, documentId)}/collab-token`, undefined);

export const listMembers = (project: string, signal?: AbortSignal): Promise<ProjectMember[]> =>
  apiClient.get<ProjectMember[]>(`/projects/${encodeURIComponent(project)}/members`, { signal });

/** The API allows windows of up to 500 segments. */
const STATUS_WINDOW = 500;

/** Every main-flow segment's row (for statuses, which live in PostgreSQL, not in the live document). */
export async function listAllSegments(project: string, documentId: string, signal?: AbortSignal): Promise<SegmentView[]> {
  const path = `${documentPath(project, documentId)}/segments`;
  const first = await apiClient.get<Page<SegmentView>>(path, { query: { offset: 0, limit: STATUS_WINDOW }, signal });
  const rest = [];
  for (let offset = STATUS_WINDOW; offset < first.total; offset += STATUS_WINDOW) {
    rest.push(apiClient.get<Page<SegmentView>>(path, { query: { offset, limit: STATUS_WINDOW }, signal }));
  }
  return [...first.items, ...(await Promise.all(rest)).flatMap((page) => page.items)];
}

export const getSegment = (project: string, documentId: string, segmentId: string): Promise<SegmentView> =>
  apiClient.get<SegmentView>(`${documentPath(project, documentId)}/segments/${segmentId}`);

/**
 * Marks a variant translated. The content sent is the row's own (with its revision), so the
 * server's three-way merge keeps exactly what the live text holds and only the status changes.
 */
export const markTranslated = (project: string, documentId: string, segmentId: string, language: string, row: { content: InlineContent; revision: number }) =>
  apiClient.request<SegmentView>('PUT', `${documentPath(project, documentId)}/segments/${segmentId}/variants/${encodeURIComponent(language)}`, {
    body: { content: row.content, status: 'translated', baseRevision: row.revision },
  });

export const splitSegment = (project: string, documentId: string, segmentId: string, offsets: Record<string, number>) =>
  apiClient.post<SegmentView[]>(`${documentPath(project, documentId)}/segments/${segmentId}/split`, { offsets });

export const mergeWithNext = (project: string, documentId: string, segmentId: string) =>
  apiClient.post<SegmentView>(`${documentPath(project, documentId)}/segments/${segmentId}/merge-next`, undefined);

export const insertSegmentAfter = (project: string, documentId: string, afterSegmentId: string, kind: string) =>
  apiClient.post<SegmentView>(`${documentPath(project, documentId)}/segments`, { kind, afterSegmentId });

export const deleteSegment = (project: string, documentId: string, segmentId: string) =>
  apiClient.request<void>('DELETE', `${documentPath(project, documentId)}/segments/${segmentId}`);

export const moveSegment = (project: string, documentId: string, segmentId: string, position: number) =>
  apiClient.post<SegmentView>(`${documentPath(project, documentId)}/segments/${segmentId}/move`, { position });

export const createFootnote = (project: string, documentId: string, labels: Record<string, string>) =>
  apiClient.post<FootnoteView>(`${documentPath(project, documentId)}/footnotes`, { labels, body: {} });
