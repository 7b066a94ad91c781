export type { ProjectImportReport, FootnoteProblem, ImportPhase, ImportWarning } from '#libs/contracts';
import type { JobView, ProjectImportReport, RenderingName, TextEncoding } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

const projectPath = (project: string) => `/projects/${encodeURIComponent(project)}`;

/** How to read the file; absent choices are detected by the server. */
export interface ImportChoices {
  rendering?: RenderingName;
  encoding?: TextEncoding;
}

/** Uploads the raw file; the server answers at once with the job to poll. */
export const startImport = (project: string, file: File, language: string, choices: ImportChoices = {}, signal?: AbortSignal): Promise<JobView> =>
  apiClient.post<JobView>(`${projectPath(project)}/imports`, file, {
    query: {
      language,
      filename: file.name,
      ...(choices.rendering ? { rendering: choices.rendering } : {}),
      ...(choices.encoding ? { encoding: choices.encoding } : {}),
    },
    signal,
  });

export const getJob = (project: string, jobId: string, signal?: AbortSignal): Promise<JobView> =>
  apiClient.get<JobView>(`${projectPath(project)}/jobs/${encodeURIComponent(jobId)}`, { signal });

/** The job's result, if it looks like an import report (it is `unknown` in the job's contract). */
export function importReportOf(job: JobView): ProjectImportReport | null {
  const result = job.result;
  if (typeof result !== 'object' || result === null) return null;
  if (!('documents' in result) || !('footnotes' in result) || !('segmentsByKind' in result)) return null;
  return result as ProjectImportReport;
}
