import type { Request } from 'express';
import type { ProjectRole, UiLanguage } from '#libs/contracts';

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

/**
 * A project as a request carries it: the `projects` row (its entity, `projects/project.entity.ts`,
 * has this shape; common code does not import a feature's entity).
 */
export interface ProjectRecord {
  id: string;
  slug: string;
  title: string;
  sourceLanguage: string;
  targetLanguages: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Source first, then the targets. */
  readonly languages: string[];
}

/** The project of a project-scoped route and the caller's standing in it. */
export interface ProjectAccess {
  project: ProjectRecord;
  role: ProjectRole;
  /** Languages the caller may edit; null: all of the project's languages. */
  languages: string[] | null;
}

export interface AuthenticatedRequest extends Request {
  user: AuthUser;
  projectAccess?: ProjectAccess;
}
