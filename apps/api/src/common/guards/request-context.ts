import type { Request } from 'express';
import type { ProjectRole, UiLanguage } from '#libs/contracts';
import type { Project } from '../../projects/project.entity.js';

/** Who is calling, as established by AuthGuard. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  locale: UiLanguage;
  /** How the caller proved it: a signed access token or a personal API token. */
  via: 'access-token' | 'api-token';
  /** The sign-in session of an access token; absent for API tokens and the application's own work. */
  sessionId?: string;
  /** The personal API token of a caller that used one. */
  apiTokenId?: string;
}

/** The project of a project-scoped route and the caller's standing in it. */
export interface ProjectAccess {
  project: Project;
  role: ProjectRole;
  /** Languages the caller may edit; null: all of the project's languages. */
  languages: string[] | null;
}

export interface AuthenticatedRequest extends Request {
  user: AuthUser;
  projectAccess?: ProjectAccess;
}
