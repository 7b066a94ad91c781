/**
 * The collaboration module's timings and limits. Configuration, not module state: the application
 * gets them from `collabTuning(overrides)` when it is built (tests pass shorter ones), and every
 * piece reads its own copy through the `COLLAB_TUNING` provider.
 */
export interface CollabTuning {
  /** Quiet time after the last change before the rows are written. */
  debounceMs: number;
  /** The longest a change waits for its row while people keep typing ("within about a second"). */
  maxDelayMs: number;
  /** How long a failed materialising write waits before it is tried again. */
  retryMs: number;
  /** The materialiser lease of a document, renewed by each write. */
  materializerLeaseMs: number;
  /**
   * Writes beside the document's queue before one holds it: a copy that lacks rows stored meanwhile
   * catches up and tries again, the last attempt catches up under the lock.
   */
  catchUpAttempts: number;
  /** A document nobody uses stays loaded this long (reconnects and REST bursts find it warm). */
  idleUnloadMs: number;
  /** Compact once this many log rows accumulated since the last compaction. */
  compactAfterRows: number;
  /** The compaction lease of a document (one process compacts it at a time). */
  compactionLeaseMs: number;
  /** How often an append is retried (a restarting database) before the senders are told to re-sync, and the pause between. */
  appendAttempts: number;
  appendRetryMs: number;
  /** Largest accepted socket message; anything larger is refused (1009). Pasting a long chapter section is well under it. */
  maxPayload: number;
  /** Socket ping interval; a socket that did not answer the previous ping is closed. */
  heartbeatMs: number;
}

export const COLLAB_TUNING = Symbol('COLLAB_TUNING');

export const DEFAULT_COLLAB_TUNING: Readonly<CollabTuning> = Object.freeze({
  debounceMs: 300,
  maxDelayMs: 1000,
  retryMs: 1000,
  materializerLeaseMs: 5000,
  catchUpAttempts: 4,
  idleUnloadMs: 30_000,
  compactAfterRows: 500,
  compactionLeaseMs: 10_000,
  appendAttempts: 40,
  appendRetryMs: 250,
  maxPayload: 8 * 1024 * 1024,
  heartbeatMs: 30_000,
});

export const collabTuning = (overrides: Partial<CollabTuning> = {}): CollabTuning => ({ ...DEFAULT_COLLAB_TUNING, ...overrides });
