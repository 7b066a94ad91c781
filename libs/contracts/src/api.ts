/**
 * Request and response shapes of the REST API, shared by the API (which produces them) and the web
 * app (which consumes them). Routes are under `/api`; the collaboration socket is `/collab/:documentId`.
 */
import type { ProjectRole } from './roles.js';

/** Languages the UI and the API's messages speak. Content languages are any BCP-47 tag. */
export const UI_LANGUAGES = ['en', 'ru', 'de'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Every error response: `{ error: { code, message, fields? } }`, the message in the caller's language. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    /** For VALIDATION_FAILED: one entry per offending field (dotted path for nested fields). */
    fields?: FieldError[];
    /** What the caller needs to decide again (APPROVAL_STALE: the text as it is now). */
    details?: unknown;
  };
}

export interface FieldError {
  field: string;
  message: string;
}

/** A window of a longer list. */
export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  locale: UiLanguage;
}

/** PATCH /api/users/me */
export interface UpdateMeRequest {
  locale?: UiLanguage;
}

/** POST /api/auth/login */
export interface LoginRequest {
  email: string;
  password: string;
}

/**
 * An access token and the sign-in session it belongs to. The token is short-lived; the session lasts
 * SESSION_TTL from sign-in, and `POST /api/auth/refresh` trades a token of a live session for a new one.
 */
export interface AccessGrant {
  accessToken: string;
  /** ISO timestamp after which the access token is refused (never later than the session's end). */
  expiresAt: string;
  sessionId: string;
  /** ISO timestamp when the session ends: no refresh after it, sign in again. */
  sessionExpiresAt: string;
}

export interface LoginResponse extends AccessGrant {
  user: UserSummary;
}

/** POST /api/auth/refresh (`Authorization: Bearer <access token>`, which may have expired). */
export type RefreshResponse = AccessGrant;

/** GET /api/auth/sessions: the caller's sessions that are still live. */
export interface SessionSummary {
  id: string;
  /** The browser or program that signed in, as it named itself (shortened). */
  userAgent: string | null;
  createdAt: string;
  /** Last request or refresh, to the nearest minute. */
  lastSeenAt: string;
  expiresAt: string;
  /** The session of the token this request was made with. */
  current: boolean;
}

/** PUT /api/auth/password: the caller's own password; answers RevokedSessions (their other sessions). */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** DELETE /api/auth/sessions: how many sessions were ended. */
export interface RevokedSessions {
  revoked: number;
}

/** POST /api/auth/tokens: a personal API token for the CLI and scripts; `token` is shown once. */
export interface CreateApiTokenRequest {
  name: string;
  /** Days until it expires; omitted: never. */
  expiresInDays?: number;
}

export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The first characters, to recognise a token without revealing it. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedApiToken extends ApiTokenSummary {
  token: string;
}

export interface ProjectSummary {
  id: string;
  slug: string;
  title: string;
  sourceLanguage: string;
  targetLanguages: string[];
  /** The caller's role in this project (admins see every project as owner). */
  role: ProjectRole;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/projects */
export interface CreateProjectRequest {
  slug: string;
  title: string;
  sourceLanguage: string;
  targetLanguages: string[];
}

export interface ProjectMember {
  userId: string;
  email: string;
  displayName: string;
  role: ProjectRole;
  /** Languages this member may edit; null: all of the project's languages. */
  languages: string[] | null;
  createdAt: string;
}

/** POST /api/projects/:projectId/members; a new user is created when `password` is given. */
export interface AddMemberRequest {
  email: string;
  role: ProjectRole;
  languages?: string[] | null;
  displayName?: string;
  password?: string;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  version: string;
}
