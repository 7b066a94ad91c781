import type {
  ApiTokenSummary,
  ChangePasswordRequest,
  CreateApiTokenRequest,
  CreatedApiToken,
  RevokedSessions,
  SessionSummary,
} from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

/** The caller's other sessions end; the answer says how many. WRONG_PASSWORD (403) is an answer, not a sign-out. */
export const changePassword = (request: ChangePasswordRequest): Promise<RevokedSessions> =>
  apiClient.request<RevokedSessions>('PUT', '/auth/password', { body: request });

export const listSessions = (signal?: AbortSignal): Promise<SessionSummary[]> =>
  apiClient.get<SessionSummary[]>('/auth/sessions', { signal });

/** SESSION_NOT_FOUND (404) when it has ended meanwhile. */
export const revokeSession = (sessionId: string): Promise<void> =>
  apiClient.request<void>('DELETE', `/auth/sessions/${encodeURIComponent(sessionId)}`);

export const listApiTokens = (signal?: AbortSignal): Promise<ApiTokenSummary[]> =>
  apiClient.get<ApiTokenSummary[]>('/auth/tokens', { signal });

/** The only answer that carries the token itself. */
export const createApiToken = (request: CreateApiTokenRequest): Promise<CreatedApiToken> =>
  apiClient.post<CreatedApiToken>('/auth/tokens', request);

/** TOKEN_NOT_FOUND (404) when it is gone already. */
export const revokeApiToken = (tokenId: string): Promise<void> =>
  apiClient.request<void>('DELETE', `/auth/tokens/${encodeURIComponent(tokenId)}`);
