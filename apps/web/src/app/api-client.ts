import type { RefreshResponse } from '#libs/contracts';
import { currentLanguage, i18n } from '../i18n/i18n.js';
import { createApiClient } from '../lib/api.js';
import { sessionStore } from './session-store.js';

/**
 * The one API client of the app: the session's token (refreshed when it has expired), the UI's
 * language, and sign-out when the server says the session is over.
 */
export const apiClient = createApiClient({
  baseUrl: '/api',
  getAccessToken: () => sessionStore.accessToken(),
  refreshAccessToken: () => sessionStore.refresh(),
  getLanguage: currentLanguage,
  onUnauthorized: () => sessionStore.signOut({ expired: true }),
  fallbackMessages: {
    network: () => i18n.t('errors.network'),
    unexpected: (status) => i18n.t('errors.unexpected', { status }),
  },
});

sessionStore.setRefresher((accessToken) => apiClient.post<RefreshResponse>('/auth/refresh', undefined, { bearer: accessToken }));
