import type { Page, ProjectSummary } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

export const PROJECTS_PAGE_SIZE = 50;

export const listProjects = (
  window: { offset: number; limit: number },
  signal?: AbortSignal,
): Promise<Page<ProjectSummary>> =>
  apiClient.get<Page<ProjectSummary>>('/projects', { query: window, signal });

/** `slugOrId`: the API accepts either. */
export const getProject = (slugOrId: string, signal?: AbortSignal): Promise<ProjectSummary> =>
  apiClient.get<ProjectSummary>(`/projects/${encodeURIComponent(slugOrId)}`, { signal });

/** The edition's languages, source first. */
export const projectLanguages = (project: ProjectSummary): string[] => [
  project.sourceLanguage,
  ...project.targetLanguages.filter((language) => language !== project.sourceLanguage),
];
