import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { EntityManager } from 'typeorm';
import { type GuardVerdict, inspectUpdate, PendingStructs } from './update-guard.js';
import { type LogEntry, type StoredState, applyTolerantly } from '../store/update-log.js';

/** Who made a change: a socket, a REST request, another process. */
export interface UpdateOrigin {
  readonly userId: string | null;
}

export interface DocumentStore {
  append(documentId: string, entries: readonly LogEntry[], manager?: EntityManager): Promise<number[]>;
  load(documentId: string, manager?: EntityManager): Promise<StoredState>;
  rowsExcept(documentId: string, known: readonly number[], manager?: EntityManager): Promise<StoredState['updates']>;
}

/** What a catch-up read from the store: log rows the copy lacks, or the whole stored state. */
interface Fetched {
  rows: StoredState['updates'];
  whole: { scratch: Y.Doc; stored: StoredState; appliedBefore: number[] } | null;
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
  /**
   * The log rows this copy has applied (exactly: ids commit out of order), and the version of the
   * snapshot it was built from or last caught up with. Together they say whether the copy holds
   * everything stored, which is what may write the relational rows (see Materializer).
   */
  private readonly applied = new Set<number>();
  private version: string | null = null;
  /** Log rows stored since the document was loaded or last compacted. */
  private unfolded = 0;
  /** Sockets and requests using the document; it unloads when idle. */
  private holders = 0;
  private lastReleased = Date.now();
  private isClosed = false;
  /** Set when an edit failed halfway: the copy in memory holds something the log does not. */
  private isPoisoned = false;
  private langs: readonly string[];

  private queue: Promise<unknown> = Promise.resolve();
  private pending: { update: Uint8Array; origin: UpdateOrigin; resolve(id: number): void; reject(e: unknown): void }[] = [];
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
  private deferred: { state: Uint8Array; base: Uint8Array; then: () => boolean; timer: NodeJS.Timeout; stateVector: Uint8Array | null } | null = null;

  constructor(
    readonly documentId: string,
    readonly projectId: string,
    languages: readonly string[],
    private readonly store: DocumentStore,
    private readonly retry: { attempts: number; delayMs: number },
  ) {
    this.langs = [...languages];
    this.awareness = new Awareness(this.ydoc);
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    // Any transaction may have changed the state: drop the cached encoding (cheap, and never stale).
    this.ydoc.on('afterTransaction', () => {
      this.fullState = null;
    });
  }

  /** The log rows this copy has applied. */
  get logIds(): ReadonlySet<number> {
    return this.applied;
  }

  /** The version of the snapshot the copy was built from or last caught up with. */
  get snapshotVersion(): string | null {
    return this.version;
  }

  /** Log rows stored since the document was loaded or last compacted (what compaction could fold). */
  get rowsSinceCompaction(): number {
    return this.unfolded;
  }

  /** The project's languages (source first) as this copy knows them: what is materialised. */
  get languages(): readonly string[] {
    return this.langs;
  }

  /** From now on the copy materialises and offers `languages`. */
  useLanguages(languages: readonly string[]): void {
    this.langs = [...languages];
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** An edit failed halfway: the copy holds something the log does not, and must be reloaded. */
  get poisoned(): boolean {
    return this.isPoisoned;
  }

  /** Marks the document in use (a socket, a request) until the returned release is called (once). */
  hold(): () => void {
    this.holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      this.lastReleased = Date.now();
    };
  }

  /** Nobody holds the document, and nobody has for `ms`. */
  idleFor(ms: number, now = Date.now()): boolean {
    return this.holders === 0 && now - this.lastReleased >= ms;
  }

  get inUse(): boolean {
    return this.holders > 0;
  }

  /** Where the copy starts: the snapshot's version and the log rows on top of it that it applies. */
  startFrom(version: string | null, logIds: readonly number[]): void {
    this.version = version;
    for (const id of logIds) this.applied.add(id);
    this.unfolded = logIds.length;
  }

  /**
   * Compaction folded `folded` into the snapshot, which is now at `version` (null: nothing folded).
   * The rows counted before it ran are no longer waiting for it. The new snapshot is the old one
   * (`previous`) plus rows this copy has, so if the copy was at `previous`, it still holds everything
   * stored, at the new version.
   */
  compacted(previous: string | null, folded: readonly number[], version: string | null, countedBefore: number): void {
    this.unfolded = Math.max(0, this.unfolded - Math.max(folded.length, countedBefore));
    if (version && this.version === previous && folded.every((id) => this.applied.has(id))) {
      this.version = version;
      for (const id of folded) this.applied.delete(id);
    }
  }

  /** The document; reading it builds it from a deferred snapshot first. */
  get doc(): Y.Doc {
    if (this.deferred) this.build();
    return this.ydoc;
  }

  /**
   * Loads the document lazily: until it is built, the first clients' sync is served from `state`, the
   * stored bytes (a snapshot; after a crash, the snapshot and the log rows on top of it merged into one
   * update). Building applies `base` (the snapshot alone) and then runs `then`, which starts change
   * tracking (it must not see the snapshot as a change) and replays any log rows with tracking on; it
   * returns false if a row could not be applied, and `state` then no longer describes the document.
   */
  deferLoad(state: Uint8Array, then: () => boolean, base: Uint8Array = state): void {
    // Built soon even if nothing asks, so the first update from a writer does not wait for it.
    const timer = setTimeout(() => this.build(), 100);
    timer.unref();
    this.deferred = { state, base, then, timer, stateVector: null };
    this.fullState = state;
  }

  private build(): void {
    const deferred = this.deferred;
    if (!deferred || this.closed) return;
    this.deferred = null;
    clearTimeout(deferred.timer);
    const ok = applyTolerantly(this.ydoc, deferred.base);
    const replayed = deferred.then();
    // The stored bytes are still exactly the document's state (applying them cleared the cache).
    if (ok && replayed) this.fullState = deferred.state;
  }

  /** The server's sync step 1 payload; from the stored bytes while the document is not built. */
  stateVector(): Uint8Array {
    if (!this.deferred) return Y.encodeStateVector(this.ydoc);
    return (this.deferred.stateVector ??= Y.encodeStateVectorFromUpdate(this.deferred.state));
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

  /** Stores a client's update, then applies and announces it. Resolves with its log id once it is durable. */
  submit(update: Uint8Array, origin: UpdateOrigin): Promise<number> {
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
    this.unfolded += ids.length;
    batch.forEach((b, i) => {
      this.applied.add(ids![i]!);
      Y.applyUpdate(this.doc, b.update, b.origin);
      this.announce(b.update, b.origin);
    });
    this.inFlight -= batch.length;
    if (this.inFlight === 0) this.pendingStructs.clear();
    else this.pendingStructs.prune(this.doc);
    batch.forEach((b, i) => b.resolve(ids![i]!));
  }

  /** An update another process stored (log row `logId`; null when not known exactly): apply and announce, nothing to store. */
  applyRelayed(update: Uint8Array, origin: UpdateOrigin, logId: number | null): Promise<void> {
    return this.exclusive(() => this.applyStored(update, origin, logId)).catch(() => undefined);
  }

  private applyStored(update: Uint8Array, origin: UpdateOrigin, logId: number | null): void {
    Y.applyUpdate(this.doc, update, origin);
    if (logId !== null) this.applied.add(logId);
    this.announce(update, origin);
  }

  /**
   * Brings the copy up to what is stored: with `full`, the snapshot and the whole log (after a lost
   * relay connection, or when the snapshot changed since the copy read it); otherwise only the log
   * rows it has not applied. What it lacked is applied and announced like a relayed update (log
   * rows with their author; the difference to a whole stored state as `origin`'s).
   */
  async catchUp(full: boolean, origin: UpdateOrigin): Promise<void> {
    const fetched = await this.fetchStored(full);
    try {
      if (fetched) await this.exclusive(() => this.absorb(fetched, origin));
    } finally {
      fetched?.whole?.scratch.destroy();
    }
  }

  /**
   * The same from inside the document's queue (an edit, or a write holding it), reading through
   * `manager`: in a transaction that holds the snapshot row's lock, the copy then holds everything
   * stored until that transaction ends.
   */
  async catchUpHere(full: boolean, origin: UpdateOrigin, manager: EntityManager): Promise<void> {
    const fetched = await this.fetchStored(full, manager);
    try {
      if (fetched) this.absorb(fetched, origin);
    } finally {
      fetched?.whole?.scratch.destroy();
    }
  }

  private async fetchStored(full: boolean, manager?: EntityManager): Promise<Fetched | null> {
    if (!full) {
      const rows = await this.store.rowsExcept(this.documentId, [...this.applied], manager);
      return rows.length ? { rows, whole: null } : null;
    }
    const appliedBefore = [...this.applied];
    const stored = await this.store.load(this.documentId, manager);
    const scratch = new Y.Doc();
    if (stored.snapshot) applyTolerantly(scratch, stored.snapshot);
    for (const row of stored.updates) applyTolerantly(scratch, row.update);
    return { rows: [], whole: { scratch, stored, appliedBefore } };
  }

  private absorb(fetched: Fetched, origin: UpdateOrigin): void {
    for (const row of fetched.rows) this.applyStored(row.update, { userId: row.userId }, row.id);
    const whole = fetched.whole;
    if (!whole) return;
    // Carries the whole delete set, so deletions the copy missed arrive too.
    const missing = Y.encodeStateAsUpdate(whole.scratch, Y.encodeStateVector(this.doc));
    this.applyStored(missing, origin, null);
    // Rows applied before the read and gone from the log were folded into the snapshot read.
    const inLog = new Set(whole.stored.updates.map((row) => row.id));
    for (const id of whole.appliedBefore) if (!inLog.has(id)) this.applied.delete(id);
    for (const row of whole.stored.updates) this.applied.add(row.id);
    this.version = whole.stored.version;
  }

  /** True while Yjs holds updates it could not integrate yet (their dependencies are missing). */
  get incomplete(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  /**
   * A server-side edit (REST). `work` runs exclusively; inside it, `session.change` applies a
   * collab-schema edit and `session.persist(tx)` appends what it produced to the log in the
   * caller's transaction. When `work` resolves, the changes are announced; when it throws after
   * changing the document, the copy is poisoned (the caller evicts it and everyone reloads).
   */
  edit<T>(origin: UpdateOrigin, work: (session: EditSession) => Promise<T>): Promise<{ result: T; updates: { update: Uint8Array; logId: number }[] }> {
    return this.exclusive(async () => {
      const session = new EditSession(this, origin);
      try {
        const result = await work(session);
        if (session.unstored()) throw new Error('an edit changed the live document without storing the change');
        for (const update of session.updates) this.announce(update, origin);
        return { result, updates: session.updates.map((update, i) => ({ update, logId: session.logIds[i]! })) };
      } catch (error) {
        if (session.updates.length) this.isPoisoned = true;
        throw error;
      }
    });
  }

  /** Appends an edit session's updates to the log in the caller's transaction, and counts them as applied. */
  async appendVia(entries: LogEntry[], manager: EntityManager): Promise<number[]> {
    const ids = await this.store.append(this.documentId, entries, manager);
    this.unfolded += ids.length;
    for (const id of ids) this.applied.add(id);
    return ids;
  }

  /** Waits until everything queued so far is done. */
  drain(): Promise<void> {
    return this.exclusive(() => undefined).catch(() => undefined);
  }

  destroy(): void {
    this.isClosed = true;
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
  /** The log id of each persisted update, in order. */
  readonly logIds: number[] = [];
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
    this.logIds.push(...ids);
  }

  unstored(): boolean {
    return this.persisted < this.updates.length;
  }
}
