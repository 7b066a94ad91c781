/**
 * The one live connection of a chapter: its Y.Doc, kept in IndexedDB (offline edits survive a
 * reload), the stock y-websocket provider on `/collab/:documentId` with a collaboration token from
 * REST kept fresh, and the state the editor shows: connected / reconnecting / offline, and "all
 * changes saved" from the server's durable acknowledgement (docs/collaboration.md, message 100).
 */
import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { StoredState } from './stored-state.js';

/** Ours: the server's "stored" message carrying the state vector it holds durably. */
const MESSAGE_SYNC = 0;
const MESSAGE_STORED = 100;
const SYNC_STEP_1 = 0;
/** Close code: membership changed; the provider reconnects and gets the new rights. */
const RIGHTS_CHANGED = 4000;
/** Ask for a new token this long before the current one expires (tokens live 5 minutes). */
const TOKEN_LEAD_MS = 60_000;
const TOKEN_RETRY_MS = 3_000;

export interface CollabToken {
  token: string;
  expiresAt: string;
  url: string;
}

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * Why the server ended the connection for good (a 44xx close): `refused` an update of ours was
 * refused (our copy holds what the server will never take), `signedOut` the sign-in ended,
 * `forbidden` access was revoked, `gone` the chapter was deleted, `replaced` its live state was
 * rebuilt (start over with a fresh copy).
 */
export type FatalReason = 'refused' | 'signedOut' | 'forbidden' | 'gone' | 'replaced' | 'other';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Whether the local copy has been read (from IndexedDB or the server) and can be shown. */
  loaded: boolean;
  /** The server has synced at least once in this connection. */
  synced: boolean;
  /** Every local change is durably stored on the server. */
  saved: boolean;
  fatal: FatalReason | null;
  /** Bumped when the server closed the socket because this person's rights changed (4000). */
  rightsChanged: number;
}

export interface ChapterConnectionOptions {
  documentId: string;
  /** Separates the offline copies of different accounts in one browser. */
  userId: string;
  fetchToken(): Promise<CollabToken>;
  /** The person as others see them; the server stamps id and name with the authenticated user's. */
  user: { id: string; name: string; color: string };
}

export class ChapterConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  private readonly persistence: IndexeddbPersistence;
  private readonly stored = new StoredState();
  private readonly listeners = new Set<() => void>();
  private state: ConnectionState = { status: 'connecting', loaded: false, synced: false, saved: true, fatal: null, rightsChanged: 0 };
  private tokenTimer: ReturnType<typeof setTimeout> | undefined;
  private tokenExpiresAt = 0;
  private everConnected = false;
  private destroyed = false;
  /** Client ids this browser has written this chapter's copy with (this tab's and earlier ones). */
  private readonly ownClients: Set<number>;

  constructor(private readonly options: ChapterConnectionOptions) {
    this.ownClients = rememberClient(options.userId, options.documentId, this.doc.clientID);
    this.persistence = new IndexeddbPersistence(`interlinea:${options.userId}:${options.documentId}`, this.doc);
    void this.persistence.whenSynced.then(() => {
      if (this.hasContent()) this.update({ loaded: true });
    });

    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, options.documentId, this.doc, {
      connect: false,
      params: { token: '', acks: '1' },
      // Each tab is its own client with its own acknowledgements; tabs meet through the server.
      disableBc: true,
    });
    this.awareness = this.provider.awareness;
    this.awareness.setLocalStateField('user', options.user);
    this.watchMessages();

    this.provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.everConnected = true;
        this.update({ status: 'connected' });
      } else if (status === 'disconnected' || status === 'connecting') {
        this.update({ status: !navigator.onLine ? 'offline' : this.everConnected ? 'reconnecting' : 'connecting' });
      }
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.update({ synced: true, loaded: true });
    });
    this.provider.on('connection-close', (event) => {
      this.update({ synced: false, ...(event?.code === RIGHTS_CHANGED ? { rightsChanged: this.state.rightsChanged + 1 } : {}) });
      // A reconnect must not present an expired token.
      if (this.tokenExpiresAt - Date.now() < TOKEN_LEAD_MS) this.scheduleToken(0);
    });
    this.provider.on('closed', ({ code, reason }) => this.update({ fatal: fatalReason(code, reason) }));

    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === this.provider) this.stored.addTransaction(tr);
      this.refreshSaved();
    });

    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    if (!navigator.onLine) this.update({ status: 'offline' });
    this.scheduleToken(0);
  }

  get current(): ConnectionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the document holds a chapter (IndexedDB may have had nothing yet). */
  hasContent(): boolean {
    return this.doc.getArray('order').length > 0 || this.doc.getMap('segments').size > 0;
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.tokenTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  /** Wipes the offline copy (after the server said this copy can never be stored). */
  discardOfflineCopy(): Promise<void> {
    this.discarding ??= this.persistence.clearData();
    return this.discarding;
  }
  private discarding: Promise<void> | null = null;

  private readonly onOnline = () => {
    this.update({ status: this.provider.wsconnected ? 'connected' : 'reconnecting' });
    this.scheduleToken(0);
  };

  /** The browser knows before the socket's heartbeat does: stop now, resume on `online`. */
  private readonly onOffline = () => {
    this.provider.disconnect();
    this.update({ status: 'offline' });
  };

  /** Fetches a token, connects with it if not connected, and fetches the next one before it expires. */
  private scheduleToken(delay: number): void {
    clearTimeout(this.tokenTimer);
    this.tokenTimer = setTimeout(() => void this.renewToken(), delay);
  }

  private async renewToken(): Promise<void> {
    if (this.destroyed || this.state.fatal) return;
    if (!navigator.onLine) return; // `online` schedules the next attempt
    try {
      const token = await this.options.fetchToken();
      if (this.destroyed) return;
      this.provider.params = { ...this.provider.params, token: token.token };
      this.tokenExpiresAt = Date.parse(token.expiresAt);
      if (!this.provider.shouldConnect) this.provider.connect();
      this.scheduleToken(Math.max(this.tokenExpiresAt - Date.now() - TOKEN_LEAD_MS, 5_000));
    } catch {
      if (!this.destroyed) this.scheduleToken(TOKEN_RETRY_MS);
    }
  }

  /**
   * Peeks at the server's messages before the stock handlers read them: its sync step 1 (the state
   * vector it holds, all stored) and our "stored" message.
   */
  private watchMessages(): void {
    const handlers = this.provider.messageHandlers;
    const sync = handlers[MESSAGE_SYNC]!;
    handlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
      try {
        const peek = decoding.createDecoder(decoder.arr);
        peek.pos = decoder.pos;
        if (decoding.readVarUint(peek) === SYNC_STEP_1) {
          const serverState = Y.decodeStateVector(decoding.readVarUint8Array(peek));
          if (this.isStale(serverState)) {
            this.abandonStaleCopy();
            return;
          }
          this.stored.add(serverState);
        }
      } catch {
        // the stock handler will report a malformed message
      }
      sync(encoder, decoder, provider, emitSynced, messageType);
      this.refreshSaved();
    };
    handlers[MESSAGE_STORED] = (_encoder, decoder) => {
      this.stored.add(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
      this.refreshSaved();
    };
  }

  /**
   * Whether our copy holds changes by a client that is neither ours nor known to the server: the
   * chapter was rebuilt on the server since this copy was made (an import rewrote it; the server
   * closes live sockets with 4409 then, and this is the same news for a copy kept offline). Merging
   * it would bring back the old text beside the new.
   */
  private isStale(serverState: Map<number, number>): boolean {
    for (const client of Y.decodeStateVector(Y.encodeStateVector(this.doc)).keys()) {
      if (!serverState.has(client) && !this.ownClients.has(client)) return true;
    }
    return false;
  }

  private abandonStaleCopy(): void {
    this.provider.disconnect();
    void this.discardOfflineCopy().finally(() => this.update({ fatal: 'replaced' }));
  }

  private refreshSaved(): void {
    const saved = this.stored.covers(this.doc);
    if (saved !== this.state.saved) this.update({ saved });
  }

  private update(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch };
    if (next.fatal) next.status = 'offline';
    if (Object.keys(next).every((key) => next[key as keyof ConnectionState] === this.state[key as keyof ConnectionState])) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** Remembers (in localStorage, per account and chapter) the client ids this browser wrote with; returns them all. */
function rememberClient(userId: string, documentId: string, clientId: number): Set<number> {
  const key = `interlinea.clients.${userId}.${documentId}`;
  let known: number[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    if (Array.isArray(parsed)) known = parsed.filter((id): id is number => typeof id === 'number');
  } catch {
    // unreadable: start again
  }
  // The newest few are enough: older offline copies have been merged or discarded long since.
  const next = [...known.filter((id) => id !== clientId), clientId].slice(-50);
  try {
    localStorage.setItem(key, JSON.stringify(next));
  } catch {
    // Not remembered: a later reload may take this copy for a stale one and start from the server's.
  }
  return new Set(next);
}

function fatalReason(code: number, reason: string): FatalReason {
  switch (code) {
    case 4401:
      return 'signedOut';
    case 4403:
      return reason.startsWith('update refused') ? 'refused' : 'forbidden';
    case 4404:
      return 'gone';
    case 4409:
      return 'replaced';
    default:
      return 'other';
  }
}
