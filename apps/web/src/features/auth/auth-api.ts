import type { LoginRequest, LoginResponse, UiLanguage, UpdateMeRequest, UserSummary } from '#libs/contracts';
import { apiClient } from '../../app/api-client.js';

/** A wrong password is an answer, not an expired session: no token is sent and 401 is just an error. */
export const login = (request: LoginRequest): Promise<LoginResponse> =>
  apiClient.post<LoginResponse>('/auth/login', request, { authenticated: false });

/** Ends the session on the server, so its token is refused from now on, in every tab and copy. */
export const logout = (): Promise<void> => apiClient.post<void>('/auth/logout', undefined);

export const fetchCurrentUser = (signal?: AbortSignal): Promise<UserSummary> =>
  apiClient.get<UserSummary>('/users/me', { signal });

/** Keeps the UI language with the account, so it follows the person to every browser. */
export const saveLocale = (locale: UiLanguage): Promise<UserSummary> =>
  apiClient.request<UserSummary>('PATCH', '/users/me', { body: { locale } satisfies UpdateMeRequest });
