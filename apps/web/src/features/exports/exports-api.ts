import type { ExportRequest, ExportResult, JobView } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

export const startExport = (project: string, request: ExportRequest): Promise<JobView> =>
  apiClient.post<JobView>(`/projects/${encodeURIComponent(project)}/exports`, request);

export const exportResultOf = (job: JobView): ExportResult | null =>
  job.status === 'succeeded' && job.result && typeof job.result === 'object' && 'download' in job.result ? (job.result as ExportResult) : null;

/** Fetches the finished file with the session's token and hands it to the browser as a download. */
export async function saveExport(result: ExportResult): Promise<void> {
  const { blob, filename } = await apiClient.download(result.download.replace(/^\/api/, ''));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename ?? result.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
