import { currentLanguage, i18n } from '../i18n/i18n.js';
import { createApiClient } from '../lib/api.js';
import { sessionStore } from './session-store.js';

/** The one API client of the app: the session's token, the UI's language, and sign-out on 401. */
export const apiClient = createApiClient({
  baseUrl: '/api',
  getAccessToken: () => sessionStore.accessToken(),
  getLanguage: currentLanguage,
  onUnauthorized: () => sessionStore.signOut({ expired: true }),
  fallbackMessages: {
    network: () => i18n.t('errors.network'),
    unexpected: (status) => i18n.t('errors.unexpected', { status }),
  },
});
