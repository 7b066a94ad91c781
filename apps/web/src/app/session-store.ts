/**
 * The signed-in session: its id, the current access token and when each of them ends.
 *
 * Kept in localStorage rather than sessionStorage: people work on several chapters side by side in
 * separate tabs, and signing out (or the session ending) should end every tab at once, which the
 * `storage` event gives us for free; a token one tab refreshes serves the others too. An attacker
 * who can run script in the page can use the token in either storage, so sessionStorage would not be
 * safer; the real limits are the token's short life, the server-side session that signing out ends,
 * and a strict CSP on the API's side.
 *
 * Access tokens are short-lived; the session lasts days. Shortly before the token expires (or when a
 * request finds it expired) the store trades it for a new one (`POST /api/auth/refresh`), so a
 * working day is not interrupted; when the server says the session is over, the store signs out.
 */
import { useSyncExternalStore } from 'react';
import type { AccessGrant, LoginResponse, UserSummary } from '#libs/contracts';
import { ApiError } from '../lib/api.js';

const STORAGE_KEY = 'interlinea.session';
/** Refresh this long before the token expires (half the remaining time for very short tokens). */
const REFRESH_LEAD_MS = 60_000;
/** After a refresh failed for want of an answer, try again this much later. */
const RETRY_MS = 15_000;
/** setTimeout's ceiling (about 24.8 days); longer waits are re-scheduled when the timer fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type StoredSession = AccessGrant;

export type Session =
  | ({ status: 'signed-in'; user: UserSummary | null } & StoredSession)
  /** `expired`: the session ended without the user asking; the login page says so. */
  | { status: 'signed-out'; expired: boolean };

type Listener = () => void;
type Refresher = (accessToken: string) => Promise<AccessGrant>;

class SessionStore {
  private session: Session = { status: 'signed-out', expired: false };
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refresher: Refresher | null = null;
  private refreshing: Promise<string | null> | null = null;

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

  /** How a token is refreshed: set once by the API client, which the store itself must not import. */
  setRefresher(refresher: Refresher): void {
    this.refresher = refresher;
    this.schedule();
  }

  signIn(response: LoginResponse): void {
    const { user, ...grant } = response;
    writeStored(grant);
    this.set({ status: 'signed-in', ...grant, user });
  }

  /** Fresh details from `GET /api/users/me`, kept only if they belong to the current session. */
  setUser(sessionId: string, user: UserSummary): void {
    if (this.session.status === 'signed-in' && this.session.sessionId === sessionId) {
      this.set({ ...this.session, user });
    }
  }

  signOut(options: { expired?: boolean } = {}): void {
    writeStored(null);
    this.set({ status: 'signed-out', expired: options.expired ?? false });
  }

  /**
   * A fresh access token for the session: resolves with it, or with null when the session is over
   * (the store has then signed out); rejects when the server could not be reached. One refresh at a
   * time per tab; a token another tab refreshed already is taken as it is.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.runRefresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async runRefresh(): Promise<string | null> {
    if (this.session.status !== 'signed-in') return null;
    const stored = readStored();
    if (stored && stored.sessionId === this.session.sessionId && stored.accessToken !== this.session.accessToken && !dueForRefresh(stored)) {
      this.set({ ...this.session, ...stored });
      return stored.accessToken;
    }
    if (!this.refresher) throw new Error('No refresher: the API client sets it when it loads');
    const token = this.session.accessToken;
    let grant: AccessGrant;
    try {
      grant = await this.refresher(token);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      // Refused for a token another tab has replaced meanwhile: the newer one is what counts.
      if (this.session.status === 'signed-in' && this.session.accessToken !== token) return this.session.accessToken;
      this.signOut({ expired: true });
      return null;
    }
    // Signed out, or signed in afresh, while the answer was on its way: that decision stands.
    if (this.session.status !== 'signed-in' || this.session.sessionId !== grant.sessionId) return this.accessToken();
    writeStored(grant);
    this.set({ ...this.session, ...grant });
    return grant.accessToken;
  }

  private syncFromOtherTab(): void {
    const stored = readStored();
    if (!stored) {
      if (this.session.status === 'signed-in') this.set({ status: 'signed-out', expired: false });
    } else if (this.session.status !== 'signed-in' || this.session.accessToken !== stored.accessToken) {
      // The same session with a refreshed token keeps the user it has; another one starts without.
      const user = this.session.status === 'signed-in' && this.session.sessionId === stored.sessionId ? this.session.user : null;
      this.set({ status: 'signed-in', ...stored, user });
    }
  }

  private set(session: Session): void {
    this.session = session;
    this.schedule();
    for (const listener of this.listeners) listener();
  }

  /** Refresh shortly before the token expires; sign out when the session itself ends. */
  private schedule(delayMs?: number): void {
    clearTimeout(this.timer);
    if (this.session.status !== 'signed-in' || !this.refresher) return;
    const session = this.session;
    const now = Date.now();
    const tokenEnds = Date.parse(session.expiresAt);
    const sessionEnds = Date.parse(session.sessionExpiresAt);
    // A token that already lasts as long as its session cannot be extended: wait for the end.
    const last = tokenEnds >= sessionEnds - 1000;
    const wait = delayMs ?? (last ? sessionEnds - now : Math.max(0, tokenEnds - now - Math.min(REFRESH_LEAD_MS, (tokenEnds - now) / 2)));
    this.timer = setTimeout(() => {
      if (this.session !== session) return;
      if (Date.now() < now + wait) return this.schedule(); // woke early: a wait beyond setTimeout's ceiling
      if (last) return this.signOut({ expired: true });
      this.refresh().catch(() => this.schedule(RETRY_MS));
    }, Math.min(Math.max(wait, 0), MAX_TIMER_MS));
  }
}

const dueForRefresh = (s: StoredSession): boolean => Date.parse(s.expiresAt) - Date.now() <= REFRESH_LEAD_MS / 2;

function readStored(): StoredSession | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const s = parsed as Record<string, unknown>;
    const fields = [s.accessToken, s.expiresAt, s.sessionId, s.sessionExpiresAt];
    // An expired token is still worth keeping while its session lives: it can be refreshed.
    if (fields.every((f) => typeof f === 'string') && Date.parse(s.sessionExpiresAt as string) > Date.now()) {
      return {
        accessToken: s.accessToken as string,
        expiresAt: s.expiresAt as string,
        sessionId: s.sessionId as string,
        sessionExpiresAt: s.sessionExpiresAt as string,
      };
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
