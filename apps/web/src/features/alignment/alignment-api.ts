import type { AlignmentConfirmResult, AlignmentJobResult, AlignmentView, JobView, ProposalOperation } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

const base = (project: string) => `/projects/${encodeURIComponent(project)}/alignments`;

/** Uploads a translation to be aligned; the server answers at once with the job (kind `align`). */
export const startAlignment = (project: string, file: File, language: string, signal?: AbortSignal): Promise<JobView> =>
  apiClient.post<JobView>(base(project), file, { query: { language, filename: file.name }, signal });

export const getAlignment = (project: string, id: string, signal?: AbortSignal): Promise<AlignmentView> =>
  apiClient.get<AlignmentView>(`${base(project)}/${encodeURIComponent(id)}`, { signal });

export const adjustAlignment = (project: string, id: string, document: number, revision: number, operations: ProposalOperation[]): Promise<AlignmentView> =>
  apiClient.request<AlignmentView>('PATCH', `${base(project)}/${encodeURIComponent(id)}`, { body: { document, revision, operations } });

export const confirmAlignment = (project: string, id: string): Promise<AlignmentConfirmResult> =>
  apiClient.post<AlignmentConfirmResult>(`${base(project)}/${encodeURIComponent(id)}/confirm`, undefined);

export const discardAlignment = (project: string, id: string): Promise<void> => apiClient.request<void>('DELETE', `${base(project)}/${encodeURIComponent(id)}`);

/** The job's result, if it names a proposal. */
export function alignmentResultOf(job: JobView): AlignmentJobResult | null {
  const r = job.result;
  return typeof r === 'object' && r !== null && 'alignmentId' in r && typeof r.alignmentId === 'string' ? (r as AlignmentJobResult) : null;
}
