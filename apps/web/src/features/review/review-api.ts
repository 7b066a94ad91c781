import type {
  BulkApproveResult,
  ChapterReviewState,
  CommentThreadView,
  DocumentProgress,
  MentionView,
  ProjectMember,
  ProjectProgress,
  SegmentView,
  VariantHistory,
} from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

const p = (project: string) => `/projects/${encodeURIComponent(project)}`;
const d = (project: string, documentId: string) => `${p(project)}/documents/${encodeURIComponent(documentId)}`;
const v = (project: string, documentId: string, segmentId: string, language: string) =>
  `${d(project, documentId)}/segments/${encodeURIComponent(segmentId)}/variants/${encodeURIComponent(language)}`;

export const getSegment = (project: string, documentId: string, segmentId: string, signal?: AbortSignal) =>
  apiClient.get<SegmentView>(`${d(project, documentId)}/segments/${encodeURIComponent(segmentId)}`, { signal });

export const getProjectProgress = (project: string, signal?: AbortSignal) => apiClient.get<ProjectProgress>(`${p(project)}/progress`, { signal });

export const getChapterProgress = (project: string, documentId: string, signal?: AbortSignal) =>
  apiClient.get<DocumentProgress>(`${d(project, documentId)}/progress`, { signal });

export const getChapterReview = (project: string, documentId: string, signal?: AbortSignal) =>
  apiClient.get<ChapterReviewState>(`${d(project, documentId)}/review`, { signal });

export const setStatus = (project: string, documentId: string, segmentId: string, language: string, status: 'draft' | 'translated') =>
  apiClient.request<SegmentView>('PUT', `${v(project, documentId, segmentId, language)}/status`, { body: { status } });

export const approve = (project: string, documentId: string, segmentId: string, language: string, seen: { revision: number; contentHash: string }) =>
  apiClient.post<SegmentView>(`${v(project, documentId, segmentId, language)}/approve`, seen);

export const reject = (project: string, documentId: string, segmentId: string, language: string, body: { reason: string; revision: number; contentHash: string }) =>
  apiClient.post<SegmentView>(`${v(project, documentId, segmentId, language)}/reject`, body);

export const approveAll = (project: string, documentId: string, language: string, segments: { segmentId: string; revision: number; contentHash: string }[]) =>
  apiClient.post<BulkApproveResult>(`${d(project, documentId)}/review/approve-all`, { language, segments });

export const getHistory = (project: string, documentId: string, segmentId: string, language: string, signal?: AbortSignal) =>
  apiClient.get<VariantHistory>(`${v(project, documentId, segmentId, language)}/history`, { signal });

export const revert = (project: string, documentId: string, segmentId: string, language: string, historyId: string) =>
  apiClient.post<SegmentView>(`${v(project, documentId, segmentId, language)}/revert`, { historyId });

export const listThreads = (project: string, documentId: string, query: { segmentId?: string; state?: 'open' | 'resolved' | 'all' }, signal?: AbortSignal) =>
  apiClient.get<CommentThreadView[]>(`${d(project, documentId)}/comments`, { query, signal });

export const createThread = (project: string, documentId: string, body: { segmentId: string; language?: string; body: string; mentions?: string[] }) =>
  apiClient.post<CommentThreadView>(`${d(project, documentId)}/comments`, body);

export const replyTo = (project: string, threadId: string, body: { body: string; mentions?: string[] }) =>
  apiClient.post<CommentThreadView>(`${p(project)}/comments/${encodeURIComponent(threadId)}/replies`, body);

export const setResolved = (project: string, threadId: string, resolved: boolean) =>
  apiClient.request<CommentThreadView>('PATCH', `${p(project)}/comments/${encodeURIComponent(threadId)}`, { body: { resolved } });

export const listMentions = (project: string, signal?: AbortSignal) => apiClient.get<MentionView[]>(`${p(project)}/mentions`, { signal });

export const listMembers = (project: string, signal?: AbortSignal) => apiClient.get<ProjectMember[]>(`${p(project)}/members`, { signal });

export const reviewEventsPath = (project: string, documentId: string) => `/api${d(project, documentId)}/review/events`;
