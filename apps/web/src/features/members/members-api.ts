import type { AddMemberRequest, ProjectMember, ProjectRole } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

const membersPath = (project: string) => `/projects/${encodeURIComponent(project)}/members`;

export const addMember = (project: string, request: AddMemberRequest): Promise<ProjectMember> =>
  apiClient.post<ProjectMember>(membersPath(project), request);

export const updateMember = (project: string, userId: string, change: { role: ProjectRole; languages: string[] | null }): Promise<ProjectMember> =>
  apiClient.request<ProjectMember>('PATCH', `${membersPath(project)}/${userId}`, { body: change });

export const removeMember = (project: string, userId: string): Promise<void> =>
  apiClient.request<void>('DELETE', `${membersPath(project)}/${userId}`);
