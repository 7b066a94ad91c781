import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { type ChapterSnapshot, buildChapterDoc } from '#libs/collab-schema';
import type { InlineContent, SegmentKind } from '#libs/content';
import { DomainError } from '../common/errors/domain-error.js';
import { type EditSession, LiveDocument, type UpdateOrigin } from './live-document.js';
import { Materializer } from './materializer.js';
import { COLLAB_RELAY } from './collaboration.tokens.js';
import type { Relay, RelayEvent } from './relay.js';
import { RELAYED_AWARENESS } from './ws-server.js';
import { UpdateLog, applyTolerantly } from './update-log.js';

/** Tunables; tests shorten them. */
export const LIVE_TIMING = {
  /** A document nobody uses stays loaded this long (reconnects and REST bursts find it warm). */
  idleUnloadMs: 30_000,
  /** Compact once this many log rows accumulated since the last compaction. */
  compactAfterRows: 500,
  /** How long an append is retried (a restarting database) before the senders are told to re-sync. */
  appendAttempts: 40,
  appendRetryMs: 250,
  /** Lease that makes one process the materialiser and compactor of a document. */
  leaseMs: 10_000,
};

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
  private readonly compacting = new Set<string>();
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
    @Inject(COLLAB_RELAY) private readonly relay: Relay,
  ) {
    relay.subscribe((event) => this.onRelay(event));
    relay.onReconnect(() => {
      for (const live of this.all()) void this.resync(live).catch((e: Error) => this.logger.warn(`Catching up ${live.documentId} failed: ${e.message}`));
    });
    this.sweeper = setInterval(() => this.sweep(), Math.min(LIVE_TIMING.idleUnloadMs, 5_000));
    this.sweeper.unref();
  }

  onEviction(listener: EvictionListener): void {
    this.evictionListeners.push(listener);
  }

  get(documentId: string): LiveDocument | undefined {
    return this.docs.get(documentId);
  }

  all(): LiveDocument[] {
    return [...this.docs.values()];
  }

  /** The live document, loaded if needed. DOCUMENT_NOT_FOUND when the document does not exist. */
  async open(documentId: string): Promise<LiveDocument> {
    if (this.shuttingDown) throw new DomainError('SERVICE_UNAVAILABLE');
    const loaded = this.docs.get(documentId);
    if (loaded && !loaded.poisoned) return loaded;
    if (loaded?.poisoned) this.evict(documentId, 1012, 'reload');
    let loading = this.loading.get(documentId);
    if (!loading) {
      loading = this.load(documentId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, loading);
    }
    return loading;
  }

  /** Runs a server-side edit on the live document (see LiveDocument.edit); evicts it if the edit failed halfway. */
  async edit<T>(documentId: string, userId: string | null, work: (session: EditSession) => Promise<T>): Promise<T> {
    const live = await this.open(documentId);
    live.holders++;
    try {
      const { result, updates } = await live.edit({ userId }, work);
      for (const update of updates) this.relay.publish({ type: 'update', documentId, update, userId, logId: live.maxLogId });
      this.afterStore(live);
      return result;
    } catch (error) {
      if (live.poisoned) this.evict(documentId, 1012, 'reload');
      throw error;
    } finally {
      live.holders--;
      live.idleSince = Date.now();
    }
  }

  /** Stores a client's update (after `check`), then applies, relays and announces it. */
  async submit(live: LiveDocument, update: Uint8Array, origin: UpdateOrigin): Promise<void> {
    await live.submit(update, origin);
    this.relay.publish({ type: 'update', documentId: live.documentId, update, userId: origin.userId, logId: live.maxLogId });
    this.afterStore(live);
  }

  publishAwareness(live: LiveDocument, update: Uint8Array): void {
    this.relay.publish({ type: 'awareness', documentId: live.documentId, update });
  }

  /** Writes the rows of one document now (exports, unload). */
  async materialize(documentId: string): Promise<void> {
    const live = this.docs.get(documentId);
    if (!live) return;
    await live.drain();
    await this.catchUp(live);
    await this.materializer.flush(live);
  }

  /** Writes the rows of every loaded document of a project (before an export reads them). */
  async materializeProject(projectId: string): Promise<void> {
    await Promise.all(this.all().filter((d) => d.projectId === projectId).map((d) => this.materialize(d.documentId)));
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
    this.materializer.forget(documentId);
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
    this.evict(documentId, 4409, 'document replaced, reload');
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
    const live = new LiveDocument(documentId, projectId, this.log, {
      attempts: LIVE_TIMING.appendAttempts,
      delayMs: LIVE_TIMING.appendRetryMs,
    });
    let stored = await this.log.load(documentId);
    if (!stored.snapshot && stored.updates.length) {
      // Log rows without a snapshot belong to a discarded state (a process appended them just after
      // `discard`); on a fresh seed they would duplicate text.
      await this.log.discard(documentId);
      stored = { snapshot: null, updates: [] };
    }
    if (!stored.snapshot && !stored.updates.length) {
      const seed = buildChapterDoc(await this.chapterSnapshot(documentId), { languages });
      const state = Y.encodeStateAsUpdate(seed);
      seed.destroy();
      // Another process may have seeded at the same moment: its seed wins, and we load it.
      if (!(await this.log.saveSeed(documentId, state))) stored = await this.log.load(documentId);
      else stored = { snapshot: state, updates: [] };
    }
    if (stored.snapshot && !stored.updates.length) {
      // Nothing on top of the snapshot: the first clients are served from its bytes while the Y.Doc
      // is built afterwards (the slow part of a cold open); tracking starts once it is built.
      live.deferLoad(stored.snapshot, () => this.materializer.track(live, languages));
    } else {
      if (stored.snapshot) applyTolerantly(live.doc, stored.snapshot);
      // Compaction materialises first, so the rows can only lag behind what is still in the log:
      // replaying it with tracking on marks exactly those variants for a check (after a crash).
      this.materializer.track(live, languages);
      for (const row of stored.updates) {
        if (!applyTolerantly(live.doc, row.update, RELAYED_ORIGIN(row.userId))) {
          this.logger.warn(`Skipped an unreadable update ${row.id} of ${documentId}`);
        }
        live.maxLogId = Math.max(live.maxLogId, row.id);
      }
    }
    live.logRowsSinceCompaction = stored.updates.length;
    this.docs.set(documentId, live);
    for (const event of this.early.get(documentId) ?? []) this.onRelay(event);
    return live;
  }

  private async chapterSnapshot(documentId: string): Promise<ChapterSnapshot> {
    const segments = (await this.db.query(
      `SELECT s.id, s.kind, s.level, s.footnote_id FROM segments s LEFT JOIN footnotes f ON f.id = s.footnote_id
        WHERE s.document_id = $1 ORDER BY (s.footnote_id IS NOT NULL), f.position, s.position`,
      [documentId],
    )) as { id: string; kind: SegmentKind; level: number | null; footnote_id: string | null }[];
    const variants = (await this.db.query(
      `SELECT v.segment_id, v.language, v.content FROM variants v JOIN segments s ON s.id = v.segment_id WHERE s.document_id = $1`,
      [documentId],
    )) as { segment_id: string; language: string; content: InlineContent }[];
    const footnotes = (await this.db.query(`SELECT id, labels FROM footnotes WHERE document_id = $1 ORDER BY id`, [documentId])) as {
      id: string;
      labels: Record<string, string>;
    }[];
    const byId = new Map<string, Record<string, InlineContent>>();
    for (const v of variants) {
      let map = byId.get(v.segment_id);
      if (!map) byId.set(v.segment_id, (map = {}));
      map[v.language] = v.content;
    }
    return {
      segments: segments.map((s) => ({
        id: s.id,
        kind: s.kind,
        ...(s.kind === 'heading' && s.level !== null ? { level: s.level } : {}),
        ...(s.footnote_id ? { footnoteId: s.footnote_id } : {}),
        variants: Object.fromEntries(Object.entries(byId.get(s.id) ?? {}).sort(([a], [b]) => a.localeCompare(b))),
      })),
      order: segments.filter((s) => !s.footnote_id).map((s) => s.id),
      footnotes: footnotes.map((f) => ({
        id: f.id,
        labels: Object.fromEntries(Object.entries(f.labels).sort(([a], [b]) => a.localeCompare(b))),
        body: segments.filter((s) => s.footnote_id === f.id).map((s) => s.id),
      })),
    };
  }

  private afterStore(live: LiveDocument): void {
    if (live.logRowsSinceCompaction >= LIVE_TIMING.compactAfterRows) void this.compact(live);
  }

  /** Folds the log into the snapshot in the background; one process at a time per document. */
  async compact(live: LiveDocument): Promise<void> {
    if (this.compacting.has(live.documentId)) return;
    this.compacting.add(live.documentId);
    try {
      if (!(await this.relay.lease(`compact:${live.documentId}`, LIVE_TIMING.leaseMs))) return;
      // Rows first: after compaction the log no longer says which variants might lag behind.
      await live.drain();
      await this.materializer.flush(live);
      const before = live.logRowsSinceCompaction;
      const folded = await this.log.compact(live.documentId);
      live.logRowsSinceCompaction = Math.max(0, live.logRowsSinceCompaction - Math.max(folded, before));
      await this.relay.release(`compact:${live.documentId}`);
    } catch (error) {
      this.logger.warn(`Compacting ${live.documentId} failed: ${(error as Error).message}`);
    } finally {
      this.compacting.delete(live.documentId);
    }
  }

  /** With several processes, read what the log has beyond this copy before materialising from it. */
  private async catchUp(live: LiveDocument): Promise<void> {
    if (!this.relay.shared) return;
    const rows = await this.log.since(live.documentId, live.maxLogId);
    for (const row of rows) live.applyRelayed(row.update, RELAYED_ORIGIN(null), row.id);
    await live.drain();
  }

  /** Brings a live copy up to everything stored (after relay messages may have been lost). */
  private async resync(live: LiveDocument): Promise<void> {
    const stored = await this.log.load(live.documentId);
    const scratch = new Y.Doc();
    try {
      if (stored.snapshot) applyTolerantly(scratch, stored.snapshot);
      for (const row of stored.updates) applyTolerantly(scratch, row.update);
      const missing = Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(live.doc));
      const last = stored.updates.at(-1)?.id ?? live.maxLogId;
      live.applyRelayed(missing, RELAYED_ORIGIN(null), last);
    } finally {
      scratch.destroy();
    }
  }

  private onRelay(event: RelayEvent): void {
    if ((event.type === 'update' || event.type === 'awareness') && !this.docs.has(event.documentId)) {
      this.early.get(event.documentId)?.push(event);
      return;
    }
    if (event.type === 'update') {
      this.docs.get(event.documentId)?.applyRelayed(event.update, RELAYED_ORIGIN(event.userId), event.logId);
    } else if (event.type === 'awareness') {
      const live = this.docs.get(event.documentId);
      if (live) void live.exclusive(() => applyAwareness(live, event.update)).catch(() => undefined);
    }
  }

  /** Unloads a document: rows written, log compacted, memory freed. */
  async unload(documentId: string): Promise<void> {
    const live = this.docs.get(documentId);
    if (!live) return;
    await this.materialize(documentId).catch(() => undefined);
    if (live.logRowsSinceCompaction > 0) await this.compact(live);
    if (live.holders > 0 || this.docs.get(documentId) !== live) return;
    this.docs.delete(documentId);
    this.materializer.forget(documentId);
    this.leave(documentId);
    live.destroy();
  }

  private sweep(): void {
    const now = Date.now();
    for (const live of this.docs.values()) {
      if (live.holders === 0 && now - live.idleSince >= LIVE_TIMING.idleUnloadMs && !this.materializer.hasPending(live.documentId)) {
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
        await this.materializer.flush(live).catch((e: Error) => this.logger.error(`Materialising ${live.documentId} at shutdown failed: ${e.message}`));
        // As at unload: the next process then loads a snapshot alone (no log rows to replay, and the
        // snapshot's bytes serve the first client as they are). `compact` logs its own failures.
        if (live.logRowsSinceCompaction > 0) await this.compact(live);
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
