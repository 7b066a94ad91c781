import type { Awareness } from 'y-protocols/awareness';
import type { CollabSession } from './collab-auth.service.js';

/** Who sent an update, as the socket layer passes it on (a connection is one). */
export interface SocketOrigin {
  readonly userId: string | null;
}

export type WriteVerdict = { ok: true } | { ok: false; reason: string };

/**
 * One document as the socket layer uses it: nothing about segments, logs or rows. What a connection
 * needs and nothing more; the live documents provide it (`LiveDocuments.forSocket`).
 */
export interface SocketDocument {
  readonly documentId: string;
  readonly awareness: Awareness;
  /** The document left memory (evicted or unloaded): no awareness to clean up. */
  readonly closed: boolean;
  /** Keeps the document loaded until the returned release is called. */
  hold(): () => void;
  /** Updates as they are announced (stored first); `origin` is the connection that sent one, if any. */
  onUpdate(listener: (update: Uint8Array, origin: unknown) => void): () => void;
  /**
   * Runs `fn` after every change queued before it (a client's update being stored, a REST edit), so
   * what a client is sent is committed. Rejects when the document is being reloaded.
   */
  inOrder<T>(fn: () => T): Promise<T>;
  /** The server's sync step 1 payload. */
  stateVector(): Uint8Array;
  /** What a client with `stateVector` lacks (its sync step 2); `empty`: it has nothing. */
  missing(stateVector: Uint8Array, empty: boolean): Uint8Array;
  /** May an update be stored from a connection that may write the languages `writable` accepts? Throws on bytes that are not an update. */
  check(update: Uint8Array, writable: (lang: string) => boolean): WriteVerdict;
  /** Stores the update, then applies, relays and announces it; resolves with the state vector of what is stored. */
  submit(update: Uint8Array, origin: SocketOrigin): Promise<Uint8Array>;
  /** Tells the other processes about an awareness change made here. */
  publishAwareness(update: Uint8Array): void;
}

/** Everything the socket layer asks of the rest of the application. */
export interface SocketPort {
  /** Resolves who is connecting and what they may write, or throws UpgradeRefused with the HTTP status to answer. */
  authenticate(documentId: string, token: string): Promise<CollabSession>;
  /** The document, loaded if needed. */
  open(documentId: string): Promise<SocketDocument>;
}

export class UpgradeRefused extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 503) {
    super(String(status));
  }
}
