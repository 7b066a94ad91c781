import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { type ChapterSnapshot, addLanguageTexts, buildChapterDoc, segmentsMissingTexts } from '#libs/collab-schema';
import { DomainError } from '../../common/errors/domain-error.js';
import { type ChapterRowsScope, readChapterRows, type SegmentRows } from '../../documents/chapter-rows.js';
import { COLLAB_TUNING, type CollabTuning } from '../collab-tuning.js';
import { COLLAB_RELAY } from '../collaboration.tokens.js';
import { CLOSE, RELAYED_AWARENESS } from '../protocol.js';
import type { SocketDocument } from '../socket/socket-port.js';
import { Compactor } from '../store/compactor.js';
import { Materializer } from '../store/materializer.js';
import type { Relay, RelayEvent } from '../store/relay.js';
import { type StoredState, UpdateLog, applyTolerantly } from '../store/update-log.js';
import { type EditSession, LiveDocument, type UpdateOrigin } from './live-document.js';

/** Why a document's sockets are being closed. */
export interface EvictionListener {
  (documentId: string, code: number, reason: string): void;
}

const RELAYED_ORIGIN = (userId: string | null): UpdateOrigin => ({ userId });

/**
 * The one place that holds Y.Docs: loads a document (snapshot + log, or seeded from the relational
 * rows the first time), keeps it while it is used, unloads it when idle, and wires it to the
 * update log, the materialiser and the relay. The socket layer and the REST services ask for a
 * document here; nothing else keeps a reference to one.
 */
@Injectable()
export class LiveDocuments {
  private readonly docs = new Map<string, LiveDocument>();
  private readonly loading = new Map<string, Promise<LiveDocument>>();
  private readonly evictionListeners: EvictionListener[] = [];
  private readonly socketViews = new WeakMap<LiveDocument, SocketDocument>();
  /** Relayed updates that arrive while a document loads: applied once it is there (else they would be missed). */
  private readonly early = new Map<string, RelayEvent[]>();
  private readonly logger = new Logger('LiveDocuments');
  private sweeper: NodeJS.Timeout;
  private shuttingDown = false;
  private shutdownDone: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly log: UpdateLog,
    private readonly materializer: Materializer,
    private readonly compactor: Compactor,
    @Inject(COLLAB_RELAY) private readonly relay: Relay,
    @Inject(COLLAB_TUNING) private readonly tuning: CollabTuning,
  ) {
    relay.subscribe((event) => this.onRelay(event));
    relay.onReconnect(() => {
      // Messages sent while the connection was down are gone: updates, and perhaps a language change.
      for (const live of this.all()) {
        void live.catchUp(true, RELAYED_ORIGIN(null)).catch((e: Error) => this.logger.warn(`Catching up ${live.documentId} failed: ${e.message}`));
      }
      for (const projectId of new Set(this.all().map((d) => d.projectId))) void this.refreshLanguages(projectId);
    });
    this.sweeper = setInterval(() => this.sweep(), Math.min(tuning.idleUnloadMs, 5_000));
    this.sweeper.unref();
  }

  onEviction(listener: EvictionListener): void {
    this.evictionListeners.push(listener);
  }

  all(): LiveDocument[] {
    return [...this.docs.values()];
  }

  /** The live document, loaded if needed. DOCUMENT_NOT_FOUND when the document does not exist. */
  async open(documentId: string): Promise<LiveDocument> {
    if (this.shuttingDown) throw new DomainError('SERVICE_UNAVAILABLE');
    const loaded = this.docs.get(documentId);
    if (loaded && !loaded.poisoned) return loaded;
    if (loaded?.poisoned) this.evict(documentId, CLOSE.restart, 'reload');
    let loading = this.loading.get(documentId);
    if (!loading) {
      loading = this.load(documentId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, loading);
    }
    return loading;
  }

  /** Runs a server-side edit on the live document (see LiveDocument.edit); evicts it if the edit failed halfway. */
  async edit<T>(languages: readonly string[], documentId: string, userId: string | null, work: (session: EditSession) => Promise<T>): Promise<T> {
    const live = await this.open(documentId);
    const release = live.hold();
    try {
      // The request was authorised against the project as it is now (`languages`, read with it):
      // the copy must know its languages (a change may not have reached this process yet) and,
      // with several processes, hold what the others stored, so a merge starts from the text
      // people see.
      if (!sameLanguages(languages, live.languages)) await this.adoptLanguages(live, languages);
      if (this.relay.shared) await live.catchUp(false, RELAYED_ORIGIN(null));
      const { result, updates } = await live.edit({ userId }, work);
      for (const u of updates) this.relay.publish({ type: 'update', documentId, update: u.update, userId, logId: u.logId });
      this.compactor.afterStore(live);
      return result;
    } catch (error) {
      if (live.poisoned) this.evict(documentId, CLOSE.restart, 'reload');
      throw error;
    } finally {
      release();
    }
  }

  /** The document as a socket uses it (see SocketPort), loaded if needed. */
  async openForSocket(documentId: string): Promise<SocketDocument> {
    return this.forSocket(await this.open(documentId));
  }

  /** One view per copy: the socket layer keeps its rooms by it. */
  private forSocket(live: LiveDocument): SocketDocument {
    let view = this.socketViews.get(live);
    if (view) return view;
    view = {
      documentId: live.documentId,
      awareness: live.awareness,
      get closed() {
        return live.closed;
      },
      hold: () => live.hold(),
      onUpdate: (listener) => live.onUpdate(listener),
      inOrder: (fn) => live.exclusive(fn),
      stateVector: () => live.stateVector(),
      missing: (stateVector, empty) => live.missing(stateVector, empty),
      check: (update, writable) => live.check(update, writable),
      submit: (update, origin) => this.submit(live, update, origin),
      publishAwareness: (update) => this.relay.publish({ type: 'awareness', documentId: live.documentId, update }),
    };
    this.socketViews.set(live, view);
    return view;
  }

  /** Stores a client's update (after `check`), then applies, relays and announces it; resolves with the stored state vector. */
  private async submit(live: LiveDocument, update: Uint8Array, origin: UpdateOrigin): Promise<Uint8Array> {
    const logId = await live.submit(update, origin);
    this.relay.publish({ type: 'update', documentId: live.documentId, update, userId: origin.userId, logId });
    this.compactor.afterStore(live);
    return Y.encodeStateVector(live.doc);
  }

  /**
   * Writes the rows of one loaded document now: if this process is the one that writes them, or
   * with `force` (unload), whoever does. False when another process holds its lease.
   */
  async materialize(documentId: string, force = false): Promise<boolean> {
    const live = this.docs.get(documentId);
    if (!live) return true;
    await live.drain();
    return this.materializer.flush(live, { force });
  }

  /**
   * Brings the rows of every document of a project up to everything stored now (before an export or
   * a translation import reads them), wherever the document is live: here, in another process, in
   * one that died, or nowhere. Documents loaded here are flushed as usual; then every document whose
   * log holds rows that its rows were not written from is loaded here (from the store, so nothing
   * depends on another process answering) and written at once, whoever holds its lease.
   */
  async materializeProject(projectId: string): Promise<void> {
    await Promise.all(this.all().filter((d) => d.projectId === projectId).map((d) => this.materialize(d.documentId)));
    const behind = (await this.db.query(
      `SELECT s.document_id FROM collab_snapshots s JOIN documents d ON d.id = s.document_id
        WHERE d.project_id = $1
          AND EXISTS (SELECT 1 FROM collab_updates u WHERE u.document_id = s.document_id AND NOT (u.id = ANY(s.materialized_ids)))`,
      [projectId],
    )) as { document_id: string }[];
    // Two at a time: each may load a whole chapter.
    for (let i = 0; i < behind.length; i += 2) {
      await Promise.all(behind.slice(i, i + 2).map((row) => this.materializeNow(row.document_id)));
    }
  }

  private async materializeNow(documentId: string): Promise<void> {
    let live: LiveDocument;
    try {
      live = await this.open(documentId);
    } catch (error) {
      // Deleted since the query: nothing left to export.
      if (error instanceof DomainError && error.code === 'DOCUMENT_NOT_FOUND') return;
      throw error;
    }
    const release = live.hold();
    try {
      if (!(await this.materializer.flush(live, { force: true }))) throw new DomainError('SERVICE_UNAVAILABLE');
    } finally {
      release();
    }
  }

  /**
   * Drops a loaded copy without saving anything more (its log is already durable) and tells the
   * sockets why; used when the document was deleted, or its copy is no longer trustworthy.
   */
  evict(documentId: string, code: number, reason: string): void {
    const live = this.docs.get(documentId);
    if (!live) return;
    this.docs.delete(documentId);
    for (const listener of this.evictionListeners) listener(documentId, code, reason);
    void this.materializer.forget(documentId);
    this.leave(documentId);
    live.destroy();
  }

  /** Stops hearing a document's channel, unless it is (being) loaded again meanwhile. */
  private leave(documentId: string): void {
    if (this.docs.has(documentId) || this.loading.has(documentId)) return;
    void this.relay.leave(documentId).catch(() => undefined);
  }

  /**
   * Forgets the live state of a document whose rows were rewritten behind its back (a re-import):
   * the next open seeds it from the rows again. Clients hold the old document and must start a
   * fresh one (4409: the stock provider does not reconnect); otherwise they would merge it back.
   */
  async discard(documentId: string): Promise<void> {
    // Every process (this one at once, the others through the relay) closes its sockets with 4409
    // and drops its copy; then the stored state goes.
    this.evict(documentId, CLOSE.replaced, 'document replaced, reload');
    this.relay.publish({ type: 'document-replaced', documentId });
    await this.log.discard(documentId);
  }

  private async load(documentId: string): Promise<LiveDocument> {
    const [document] = (await this.db.query(
      `SELECT d.project_id, p.source_language, p.target_languages FROM documents d JOIN projects p ON p.id = d.project_id WHERE d.id = $1`,
      [documentId],
    )) as { project_id: string; source_language: string; target_languages: string[] }[];
    if (!document) throw new DomainError('DOCUMENT_NOT_FOUND', { document: documentId });
    const languages = [document.source_language, ...document.target_languages];
    this.early.set(documentId, []);
    try {
      return await this.loadJoined(documentId, document.project_id, languages);
    } finally {
      this.early.delete(documentId);
    }
  }

  private async loadJoined(documentId: string, projectId: string, languages: string[]): Promise<LiveDocument> {
    // Join first, so nothing stored between our read of the log and the join goes unheard.
    await this.relay.join(documentId);
    const live = new LiveDocument(documentId, projectId, languages, this.log, {
      attempts: this.tuning.appendAttempts,
      delayMs: this.tuning.appendRetryMs,
    });
    let stored = await this.log.load(documentId);
    if (!stored.snapshot && stored.updates.length) {
      // Log rows without a snapshot belong to a discarded state (a process appended them just after
      // `discard`); on a fresh seed they would duplicate text.
      await this.log.discard(documentId);
      stored = { snapshot: null, version: null, updates: [] };
    }
    if (!stored.snapshot && !stored.updates.length) {
      const seed = buildChapterDoc(await this.chapterSnapshot({ documentId }), { languages });
      const state = Y.encodeStateAsUpdate(seed);
      seed.destroy();
      // Another process may have seeded at the same moment: its seed wins, and we load it.
      const version = await this.log.saveSeed(documentId, state);
      stored = version === null ? await this.log.load(documentId) : { snapshot: state, version, updates: [] };
    }
    live.startFrom(stored.version, stored.updates.map((row) => row.id));
    // After a crash, log rows sit on top of the snapshot: the first clients get both merged into one
    // update (about half the cost of building the document and encoding it, measured on a 500 × 3
    // chapter), and the Y.Doc is built afterwards, as when the snapshot stands alone.
    const served = stored.snapshot && stored.updates.length ? mergeTolerantly(stored.snapshot, stored.updates) : stored.snapshot;
    if (stored.snapshot && served) {
      const rows = stored.updates;
      live.deferLoad(
        served,
        () => {
          // Compaction folds only rows the relational rows were written from, so the rows can only
          // lag behind what is still in the log: replaying it with tracking on marks exactly those
          // variants for a check (after a crash, or for an export).
          this.materializer.track(live);
          const replayed = this.replay(live, rows);
          this.ensureTextsSoon(live);
          return replayed;
        },
        stored.snapshot,
      );
    } else {
      // A log row Yjs cannot read (they are checked before they are stored: this should not happen)
      // makes merging fail; build the document at once, skipping it.
      if (stored.snapshot) applyTolerantly(live.doc, stored.snapshot);
      this.materializer.track(live);
      this.replay(live, stored.updates);
      if (stored.updates.length) this.ensureTextsSoon(live);
    }
    this.docs.set(documentId, live);
    for (const event of this.early.get(documentId) ?? []) this.onRelay(event);
    return live;
  }

  /** Applies stored log rows with their authors as origins; false when one could not be applied. */
  private replay(live: LiveDocument, rows: StoredState['updates']): boolean {
    let ok = true;
    for (const row of rows) {
      if (applyTolerantly(live.doc, row.update, RELAYED_ORIGIN(row.userId))) continue;
      ok = false;
      this.logger.warn(`Skipped an unreadable update ${row.id} of ${live.documentId}`);
    }
    return ok;
  }

  /** The project's languages, source first; null when the project is gone. */
  private async projectLanguages(projectId: string): Promise<string[] | null> {
    const [project] = (await this.db.query(`SELECT source_language, target_languages FROM projects WHERE id = $1`, [projectId])) as {
      source_language: string;
      target_languages: string[];
    }[];
    return project ? [project.source_language, ...project.target_languages] : null;
  }

  /** A project's languages changed (here or in another process): every copy of its documents here follows. */
  private async refreshLanguages(projectId: string): Promise<void> {
    try {
      // Copies being loaded read the languages before the change, perhaps: wait for them too.
      await Promise.allSettled([...this.loading.values()]);
      const languages = await this.projectLanguages(projectId);
      if (!languages) return;
      await Promise.all(
        this.all()
          .filter((d) => d.projectId === projectId && !sameLanguages(d.languages, languages))
          .map((d) => this.adoptLanguages(d, languages)),
      );
    } catch (error) {
      this.logger.warn(`Following the languages of project ${projectId} failed: ${(error as Error).message}`);
    }
  }

  /**
   * Makes a copy materialise `languages` from now on and gives every segment a text in the new ones.
   * What was typed in a removed language before the change is written first; afterwards nothing is
   * (its texts stay in the document, unused, in case the language comes back).
   */
  private async adoptLanguages(live: LiveDocument, languages: readonly string[]): Promise<void> {
    if (live.languages.some((lang) => !languages.includes(lang))) await this.materializer.flush(live).catch(() => false);
    live.useLanguages(languages);
    await this.ensureTexts(live);
  }

  /** Checks for texts the copy's languages lack once the current work is done (a language added while it was not loaded). */
  private ensureTextsSoon(live: LiveDocument): void {
    setImmediate(() => void this.ensureTexts(live));
  }

  /**
   * Creates the texts the copy's languages lack, once across every process: under the snapshot row's
   * lock, after bringing the copy up to everything stored (so it sees texts another process just
   * created). Two processes creating the same text would each make their own, and whatever was typed
   * into the one that loses the merge would be lost.
   */
  private async ensureTexts(live: LiveDocument, attempt = 0): Promise<void> {
    if (live.closed || !segmentsMissingTexts(live.doc, live.languages).length) return;
    const languages = live.languages;
    try {
      const { updates } = await live.edit({ userId: null }, (session) =>
        this.db.transaction(async (tx) => {
          const state = await this.log.lockCurrent(tx, live.documentId, live);
          if (!state) return;
          if (state.behind) await live.catchUpHere(state.behind === 'snapshot', RELAYED_ORIGIN(null), tx);
          session.change((doc, origin) => addLanguageTexts(doc, languages, { origin }));
          await session.persist(tx);
        }),
      );
      for (const u of updates) this.relay.publish({ type: 'update', documentId: live.documentId, update: u.update, userId: null, logId: u.logId });
      if (updates.length) this.compactor.afterStore(live);
    } catch (error) {
      if (live.poisoned) this.evict(live.documentId, CLOSE.restart, 'reload');
      if (live.closed) return;
      this.logger.warn(`Adding language texts to ${live.documentId} failed: ${(error as Error).message}`);
      // The database may be restarting; until this succeeds nobody can type in the new language.
      if (attempt < this.tuning.appendAttempts) setTimeout(() => void this.ensureTexts(live, attempt + 1), this.tuning.appendRetryMs * 4).unref();
    }
  }

  /** The chapter as its rows hold it, in the form a live document is seeded from. */
  private async chapterSnapshot(scope: ChapterRowsScope): Promise<ChapterSnapshot> {
    const [document] = await readChapterRows(this.db.manager, scope);
    const segment = (s: SegmentRows, footnoteId?: string) => ({
      id: s.id,
      kind: s.kind,
      ...(s.kind === 'heading' && s.level !== null ? { level: s.level } : {}),
      ...(footnoteId ? { footnoteId } : {}),
      variants: sortedByKey(s.variants),
    });
    const main = document?.segments ?? [];
    const footnotes = document?.footnotes ?? [];
    return {
      segments: [...main.map((s) => segment(s)), ...footnotes.flatMap((f) => f.body.map((s) => segment(s, f.id)))],
      order: main.map((s) => s.id),
      footnotes: [...footnotes]
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((f) => ({ id: f.id, labels: sortedByKey(f.labels), body: f.body.map((s) => s.id) })),
    };
  }

  private onRelay(event: RelayEvent): void {
    if ((event.type === 'update' || event.type === 'awareness') && !this.docs.has(event.documentId)) {
      this.early.get(event.documentId)?.push(event);
      return;
    }
    if (event.type === 'update') {
      void this.docs.get(event.documentId)?.applyRelayed(event.update, RELAYED_ORIGIN(event.userId), event.logId || null);
    } else if (event.type === 'languages') {
      void this.refreshLanguages(event.projectId);
    } else if (event.type === 'awareness') {
      const live = this.docs.get(event.documentId);
      if (live) void live.exclusive(() => applyAwareness(live, event.update)).catch(() => undefined);
    }
  }

  /** Unloads a document: rows written, log compacted, memory freed. */
  async unload(documentId: string): Promise<void> {
    const live = this.docs.get(documentId);
    if (!live) return;
    // Forced: this copy is going, so what it has must be in the rows even if another process holds
    // the lease (its holder may not have everything this copy had).
    await this.materialize(documentId, true).catch(() => undefined);
    await this.compactor.compact(live);
    if (live.inUse || this.docs.get(documentId) !== live) return;
    this.docs.delete(documentId);
    void this.materializer.forget(documentId);
    this.leave(documentId);
    live.destroy();
  }

  private sweep(): void {
    const now = Date.now();
    for (const live of this.docs.values()) {
      if (live.idleFor(this.tuning.idleUnloadMs, now) && !this.materializer.hasPending(live.documentId)) {
        void this.unload(live.documentId);
      }
    }
    // Keep the materialiser lease of documents we hold, so another process does not take over needlessly.
  }

  /**
   * Shutdown, called by the gateway once its sockets are closed (so no update arrives meanwhile):
   * everything stored is materialised before the database goes. Idempotent: closing the relay twice
   * left ioredis waiting two seconds on a connection that was already gone.
   */
  shutdown(): Promise<void> {
    this.shutdownDone ??= this.runShutdown();
    return this.shutdownDone;
  }

  private async runShutdown(): Promise<void> {
    this.shuttingDown = true;
    clearInterval(this.sweeper);
    await Promise.all(
      this.all().map(async (live) => {
        await live.drain();
        await this.materializer
          .flush(live, { force: true })
          .catch((e: Error) => this.logger.error(`Materialising ${live.documentId} at shutdown failed: ${e.message}`));
        // As at unload: the next process then loads a snapshot alone (no log rows to replay, and the
        // snapshot's bytes serve the first client as they are). `compact` logs its own failures.
        await this.compactor.compact(live);
        await this.materializer.forget(live.documentId);
      }),
    );
    for (const live of this.all()) live.destroy();
    this.docs.clear();
    await this.relay.close();
  }
}

function applyAwareness(live: LiveDocument, update: Uint8Array): void {
  applyAwarenessUpdate(live.awareness, update, RELAYED_AWARENESS);
}

const sameLanguages = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((lang, i) => lang === b[i]);

/** Snapshot and log rows as one update, or null when a row cannot be read. */
function mergeTolerantly(snapshot: Uint8Array, rows: StoredState['updates']): Uint8Array | null {
  try {
    return Y.mergeUpdates([snapshot, ...rows.map((row) => row.update)]);
  } catch {
    return null;
  }
}

/** The entries of a map ordered by key (the seed of a document must not depend on row order). */
function sortedByKey<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}
