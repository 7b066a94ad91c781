import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { EntityManager } from 'typeorm';
import { type GuardVerdict, inspectUpdate, PendingStructs } from './update-guard.js';
import { type LogEntry, applyTolerantly } from './update-log.js';

/** Who made a change: a socket, a REST request, another process. */
export interface UpdateOrigin {
  readonly userId: string | null;
}

export interface DocumentStore {
  append(documentId: string, entries: readonly LogEntry[], manager?: EntityManager): Promise<number[]>;
}

export type UpdateListener = (update: Uint8Array, origin: UpdateOrigin) => void;

/** Raised when a client update could not be stored (database gone for too long): its sender must re-sync. */
export class NotStoredError extends Error {}

/**
 * One chapter's Y.Doc in memory and the rules for changing it. Every change goes through here:
 *
 * - a client update is checked, appended to the log, and only then applied and announced
 *   (`onUpdate`), so nothing that anybody else sees can be lost in a crash; updates that arrive
 *   while an append is running are stored together by the next one (a group commit);
 * - a REST edit runs exclusively (no client update is stored or answered in between), writes its
 *   update to the log in the caller's transaction, and is announced after the work resolved;
 * - relayed updates (already durable, from another process) are applied and announced.
 *
 * What is announced is what connected clients get; `exclusive` orders everything that reads or
 * writes the document with respect to REST edits, so no client sees a REST change that rolls back.
 */
export class LiveDocument {
  private readonly ydoc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  /** Highest log id this copy contains for sure (catch-up starts above it). */
  maxLogId = 0;
  /** Log rows written since the document was loaded or last compacted. */
  logRowsSinceCompaction = 0;
  /** Sockets and requests using the document; it unloads when idle. */
  holders = 0;
  idleSince = Date.now();
  closed = false;
  /** Set when an edit failed halfway: the copy in memory holds something the log does not. */
  poisoned = false;

  private queue: Promise<unknown> = Promise.resolve();
  private pending: { update: Uint8Array; origin: UpdateOrigin; resolve(): void; reject(e: unknown): void }[] = [];
  private flushQueued = false;
  private readonly pendingStructs = new PendingStructs();
  private readonly listeners = new Set<UpdateListener>();
  private inFlight = 0;
  /**
   * The whole document encoded as one update (what a client with an empty state vector needs), kept
   * until the next transaction. Encoding a 500 × 3 chapter with its history takes tens of
   * milliseconds, and every open of an unchanged document would otherwise pay it again.
   */
  private fullState: Uint8Array | null = null;
  /**
   * A stored snapshot not applied yet, and what to do once it is (start change tracking). Applying
   * a 500 × 3 chapter with its history takes ~100 ms in a fresh process; a client opening it needs
   * only the snapshot's bytes (its sync step 2) and state vector, so the Y.Doc is built after that,
   * when something first needs it (see `doc`), or shortly after loading.
   */
  private deferred: { state: Uint8Array; then: () => void; timer: NodeJS.Timeout } | null = null;

  constructor(
    readonly documentId: string,
    readonly projectId: string,
    private readonly store: DocumentStore,
    private readonly retry: { attempts: number; delayMs: number },
  ) {
    this.awareness = new Awareness(this.ydoc);
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    // Any transaction may have changed the state: drop the cached encoding (cheap, and never stale).
    this.ydoc.on('afterTransaction', () => {
      this.fullState = null;
    });
  }

  /** The document; reading it builds it from a deferred snapshot first. */
  get doc(): Y.Doc {
    if (this.deferred) this.build();
    return this.ydoc;
  }

  /**
   * Loads the document from `state` (a stored snapshot with no log rows on top) lazily: until it is
   * built, the first clients' sync is served from the bytes. `then` runs right after it is applied
   * (change tracking must not see the snapshot itself as a change).
   */
  deferLoad(state: Uint8Array, then: () => void): void {
    // Built soon even if nothing asks, so the first update from a writer does not wait for it.
    const timer = setTimeout(() => this.build(), 100);
    timer.unref();
    this.deferred = { state, then, timer };
    this.fullState = state;
  }

  private build(): void {
    const deferred = this.deferred;
    if (!deferred || this.closed) return;
    this.deferred = null;
    clearTimeout(deferred.timer);
    const ok = applyTolerantly(this.ydoc, deferred.state);
    deferred.then();
    // The snapshot is still exactly the document's state (applying it cleared the cache).
    if (ok) this.fullState = deferred.state;
  }

  /** The server's sync step 1 payload; from the snapshot's bytes while the document is not built. */
  stateVector(): Uint8Array {
    return this.deferred ? Y.encodeStateVectorFromUpdate(this.deferred.state) : Y.encodeStateVector(this.ydoc);
  }

  /**
   * What a client whose state vector is `stateVector` lacks (its sync step 2). `empty`: the client has
   * nothing (a fresh open), so the cached full state serves it.
   */
  missing(stateVector: Uint8Array, empty: boolean): Uint8Array {
    if (empty && this.fullState) return this.fullState;
    if (!empty) return Y.encodeStateAsUpdate(this.doc, stateVector);
    return (this.fullState = Y.encodeStateAsUpdate(this.doc));
  }

  onUpdate(listener: UpdateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(update: Uint8Array, origin: UpdateOrigin): void {
    for (const listener of this.listeners) listener(update, origin);
  }

  /** Runs `fn` after everything queued before it, and before anything queued after it. */
  exclusive<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.closed) throw new NotStoredError('document closed');
      return fn();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** May `origin` send this update? Also remembers its items, so the next update may build on them before it is applied. */
  check(update: Uint8Array, writable: (lang: string) => boolean): GuardVerdict {
    return inspectUpdate(this.doc, update, writable, this.pendingStructs);
  }

  /** Stores a client's update, then applies and announces it. Resolves once it is durable. */
  submit(update: Uint8Array, origin: UpdateOrigin): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ update, origin, resolve, reject });
      this.inFlight++;
      if (!this.flushQueued) {
        this.flushQueued = true;
        void this.exclusive(() => this.flush()).catch(() => undefined);
      }
    });
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending.splice(0);
    if (!batch.length) return;
    let ids: number[] | null = null;
    let failure: unknown = null;
    // A database restart should not cost anybody their typing: retry for a while before giving up.
    for (let attempt = 0; attempt < this.retry.attempts && !this.closed; attempt++) {
      try {
        ids = await this.store.append(this.documentId, batch.map((b) => ({ update: b.update, userId: b.origin.userId })));
        break;
      } catch (error) {
        failure = error;
        await new Promise((r) => setTimeout(r, this.retry.delayMs * Math.min(attempt + 1, 10)));
      }
    }
    if (!ids) {
      this.inFlight -= batch.length;
      if (this.inFlight === 0) this.pendingStructs.clear();
      for (const b of batch) b.reject(new NotStoredError(String(failure)));
      return;
    }
    this.logRowsSinceCompaction += ids.length;
    batch.forEach((b, i) => {
      this.maxLogId = Math.max(this.maxLogId, ids![i]!);
      Y.applyUpdate(this.doc, b.update, b.origin);
      this.announce(b.update, b.origin);
    });
    this.inFlight -= batch.length;
    if (this.inFlight === 0) this.pendingStructs.clear();
    else this.pendingStructs.prune(this.doc);
    for (const b of batch) b.resolve();
  }

  /** An update another process stored: apply and announce, nothing to store. */
  applyRelayed(update: Uint8Array, origin: UpdateOrigin, logId: number): void {
    void this.exclusive(() => {
      Y.applyUpdate(this.doc, update, origin);
      this.maxLogId = Math.max(this.maxLogId, logId);
      this.announce(update, origin);
    }).catch(() => undefined);
  }

  /**
   * A server-side edit (REST). `work` runs exclusively; inside it, `session.change` applies a
   * collab-schema edit and `session.persist(tx)` appends what it produced to the log in the
   * caller's transaction. When `work` resolves, the changes are announced; when it throws after
   * changing the document, the copy is poisoned (the caller evicts it and everyone reloads).
   */
  edit<T>(origin: UpdateOrigin, work: (session: EditSession) => Promise<T>): Promise<{ result: T; updates: Uint8Array[] }> {
    return this.exclusive(async () => {
      const session = new EditSession(this, origin);
      try {
        const result = await work(session);
        if (session.unstored()) throw new Error('an edit changed the live document without storing the change');
        for (const update of session.updates) this.announce(update, origin);
        return { result, updates: session.updates };
      } catch (error) {
        if (session.updates.length) this.poisoned = true;
        throw error;
      }
    });
  }

  /** Record a log id written by an edit session. */
  stored(ids: number[]): void {
    this.logRowsSinceCompaction += ids.length;
    for (const id of ids) this.maxLogId = Math.max(this.maxLogId, id);
  }

  appendVia(entries: LogEntry[], manager: EntityManager): Promise<number[]> {
    return this.store.append(this.documentId, entries, manager);
  }

  /** Waits until everything queued so far is done. */
  drain(): Promise<void> {
    return this.exclusive(() => undefined).catch(() => undefined);
  }

  destroy(): void {
    this.closed = true;
    for (const p of this.pending.splice(0)) p.reject(new NotStoredError('document closed'));
    this.listeners.clear();
    if (this.deferred) clearTimeout(this.deferred.timer);
    this.deferred = null;
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

export class EditSession {
  readonly updates: Uint8Array[] = [];
  private persisted = 0;

  constructor(
    private readonly live: LiveDocument,
    private readonly origin: UpdateOrigin,
  ) {}

  get doc(): Y.Doc {
    return this.live.doc;
  }

  /** Applies a collab-schema edit (pass `origin` through to it) and keeps the update it produced. */
  change(edit: (doc: Y.Doc, origin: UpdateOrigin) => void): void {
    const capture = (update: Uint8Array, origin: unknown): void => {
      if (origin === this.origin) this.updates.push(update);
    };
    this.live.doc.on('update', capture);
    try {
      edit(this.live.doc, this.origin);
    } finally {
      this.live.doc.off('update', capture);
    }
  }

  /** Appends the updates made so far to the log within the caller's transaction. */
  async persist(tx: EntityManager): Promise<void> {
    const fresh = this.updates.slice(this.persisted);
    if (!fresh.length) return;
    const ids = await this.live.appendVia(
      fresh.map((update) => ({ update, userId: this.origin.userId })),
      tx,
    );
    this.persisted = this.updates.length;
    this.live.stored(ids);
  }

  unstored(): boolean {
    return this.persisted < this.updates.length;
  }
}
