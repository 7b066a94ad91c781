import type { InlineContent } from '#libs/content';
import { api, type ApiServer, type Chapter } from '../collaboration/collab-support.js';

export const t = (text: string): InlineContent => [{ type: 'text', text }];

/** REST paths of one chapter's review. */
export function reviewPaths(chapter: Chapter) {
  const d = `/api/projects/${chapter.projectId}/documents/${chapter.documentId}`;
  const v = (segmentId: string, language: string) => `${d}/segments/${segmentId}/variants/${language}`;
  return {
    document: d,
    variant: v,
    status: (s: string, l: string) => `${v(s, l)}/status`,
    approve: (s: string, l: string) => `${v(s, l)}/approve`,
    reject: (s: string, l: string) => `${v(s, l)}/reject`,
    history: (s: string, l: string) => `${v(s, l)}/history`,
    revert: (s: string, l: string) => `${v(s, l)}/revert`,
    approveAll: `${d}/review/approve-all`,
    state: `${d}/review`,
    events: `${d}/review/events`,
  };
}

export interface VariantRead {
  revision: number;
  contentHash: string;
  status: string;
  plainText: string;
  approvedBy: string | null;
}

/** The variant as the REST API has it (what a reviewer reading the rows saw). */
export async function readVariant(server: ApiServer, token: string, chapter: Chapter, segmentId: string, language: string): Promise<VariantRead> {
  const res = await api(server, token).get(`/api/projects/${chapter.projectId}/documents/${chapter.documentId}/segments/${segmentId}`);
  if (res.status !== 200) throw new Error(`read variant: ${res.status}`);
  return (res.body as { variants: Record<string, VariantRead> }).variants[language]!;
}

/** Writes a translation over REST as `token` (its status: translated unless told). */
export async function writeText(server: ApiServer, token: string, chapter: Chapter, segmentId: string, language: string, text: string, status = 'translated') {
  const res = await api(server, token).put(reviewPaths(chapter).variant(segmentId, language), { content: t(text), status });
  if (res.status !== 200) throw new Error(`write: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { variants: Record<string, VariantRead> };
}
