/**
 * The signed-in session: the access token and when it expires.
 *
 * Kept in localStorage rather than sessionStorage: people work on several chapters side by side in
 * separate tabs, and signing out (or the token expiring) should end every tab at once, which the
 * `storage` event gives us for free. An attacker who can run script in the page can use the token in
 * either storage, so sessionStorage would not be safer; the real limits are the token's short life
 * (enforced here as well as by the API) and a strict CSP on the API's side.
 */
import { useSyncExternalStore } from 'react';
import type { LoginResponse, UserSummary } from '#libs/contracts';

const STORAGE_KEY = 'interlinea.session';

export interface StoredSession {
  accessToken: string;
  /** ISO timestamp after which the API refuses the token. */
  expiresAt: string;
}

export type Session =
  | { status: 'signed-in'; accessToken: string; expiresAt: string; user: UserSummary | null }
  /** `expired`: the session ended without the user asking; the login page says so. */
  | { status: 'signed-out'; expired: boolean };

/** setTimeout's ceiling (about 24.8 days); longer tokens are re-checked when the timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Listener = () => void;

class SessionStore {
  private session: Session = { status: 'signed-out', expired: false };
  private readonly listeners = new Set<Listener>();
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const stored = readStored();
    if (stored) this.set({ status: 'signed-in', ...stored, user: null });
    window.addEventListener('storage', (event) => {
      if (event.key === STORAGE_KEY || event.key === null) this.syncFromOtherTab();
    });
  }

  get = (): Session => this.session;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  accessToken(): string | null {
    return this.session.status === 'signed-in' ? this.session.accessToken : null;
  }

  signIn(response: LoginResponse): void {
    const stored: StoredSession = { accessToken: response.accessToken, expiresAt: response.expiresAt };
    writeStored(stored);
    this.set({ status: 'signed-in', ...stored, user: response.user });
  }

  /** Fresh details from `GET /api/users/me`, kept only if they belong to the current session. */
  setUser(accessToken: string, user: UserSummary): void {
    if (this.session.status === 'signed-in' && this.session.accessToken === accessToken) {
      this.set({ ...this.session, user });
    }
  }

  signOut(options: { expired?: boolean } = {}): void {
    writeStored(null);
    this.set({ status: 'signed-out', expired: options.expired ?? false });
  }

  private syncFromOtherTab(): void {
    const stored = readStored();
    if (!stored) {
      if (this.session.status === 'signed-in') this.set({ status: 'signed-out', expired: false });
    } else if (this.session.status !== 'signed-in' || this.session.accessToken !== stored.accessToken) {
      this.set({ status: 'signed-in', ...stored, user: null });
    }
  }

  private set(session: Session): void {
    this.session = session;
    this.scheduleExpiry();
    for (const listener of this.listeners) listener();
  }

  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    if (this.session.status !== 'signed-in') return;
    const remaining = Date.parse(this.session.expiresAt) - Date.now();
    this.expiryTimer = setTimeout(() => {
      if (this.session.status !== 'signed-in') return;
      if (Date.parse(this.session.expiresAt) <= Date.now()) this.signOut({ expired: true });
      else this.scheduleExpiry();
    }, Math.min(Math.max(remaining, 0), MAX_TIMER_MS));
  }
}

function readStored(): StoredSession | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'accessToken' in parsed &&
      typeof parsed.accessToken === 'string' &&
      'expiresAt' in parsed &&
      typeof parsed.expiresAt === 'string' &&
      Date.parse(parsed.expiresAt) > Date.now()
    ) {
      return { accessToken: parsed.accessToken, expiresAt: parsed.expiresAt };
    }
  } catch {
    // Unreadable or disabled storage: treat as signed out.
  }
  return null;
}

function writeStored(session: StoredSession | null): void {
  try {
    if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Without storage the session lasts as long as the page.
  }
}

export const sessionStore = new SessionStore();

export function useSession(): Session {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
