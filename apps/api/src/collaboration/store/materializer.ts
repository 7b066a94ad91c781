import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { chapterChanges, readVariant } from '#libs/collab-schema';
import type { InlineContent } from '#libs/content';
import { contentHash } from '../../variants/content-hash.js';
import { VariantWriter } from '../../variants/variant-writer.js';
import { COLLAB_TUNING, type CollabTuning } from '../collab-tuning.js';
import { COLLAB_RELAY } from '../collaboration.tokens.js';
import type { LiveDocument, UpdateOrigin } from '../live/live-document.js';
import type { Relay } from './relay.js';
import { type CurrentState, type StoredCopy, UpdateLog } from './update-log.js';

interface Pending {
  /** `segmentId\u0000lang` → who changed it since the last write. */
  dirty: Map<string, Set<string | null>>;
  /** Something was applied since the last write (maybe not text): its log rows are still to be recorded as materialised. */
  touched: boolean;
  firstAt: number;
  timer: NodeJS.Timeout | null;
  running: Promise<boolean>;
  /** This process held the lease at its last write: no need to ask before the next one. */
  owner: boolean;
  /** Another process holds the lease: it writes, and these marks wait (they do not keep the copy loaded). */
  refused: boolean;
  /** Writes that failed in a row; from ISOLATE_AFTER_FAILURES on, each variant is written on its own. */
  failures: number;
}

/**
 * After this many failed writes in a row, the next writes each variant under its own savepoint: a
 * variant the database refuses is reported and left out, and the rest of the chapter is written
 * (and its log rows recorded as materialised, so exports stop waiting for it). Before that, a
 * failure is taken for a passing one (the database restarting) and the whole write is retried.
 */
const ISOLATE_AFTER_FAILURES = 2;

interface Change {
  segmentId: string;
  lang: string;
  content: InlineContent;
  actors: Set<string | null>;
}

/** What a write read from the copy, inside its queue. */
interface CopyRead extends StoredCopy {
  changes: Change[];
}

type Outcome = { kind: 'written'; owner: boolean } | { kind: 'refused' } | { kind: 'gone' } | { kind: 'behind'; full: boolean };

const CAUGHT_UP: UpdateOrigin = { userId: null };

/**
 * Keeps the relational variants following the live documents: content, plain text, hash, revision,
 * who and when. Hash-based (a variant whose text reads the same is not written, so a REST edit that
 * already wrote its row costs nothing), only the variants a transaction touched, one write at a
 * time per document, and rows are locked while written, so a REST edit and the materialiser never
 * interleave on a row. The rows are written through VariantWriter (an approval lapses when its
 * text changes; history records one entry per person, variant and window from its event).
 *
 * Never an older state over a newer one, across processes too: a write happens under the lock of
 * the document's snapshot row and only from a copy that holds everything stored at that moment
 * (`UpdateLog.lockCurrent`); a copy that is behind catches up from the store first. Each write
 * records the log rows it covered (`materialized_ids`), which is what compaction folds and what an
 * export checks. One process normally writes a document (a lease in the same row, renewed by each
 * write); an export may write regardless (`force`), which is safe for the same reason.
 */
@Injectable()
export class Materializer {
  private readonly pending = new Map<string, Pending>();
  private readonly logger = new Logger('Materializer');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(COLLAB_RELAY) private readonly relay: Relay,
    private readonly log: UpdateLog,
    private readonly variants: VariantWriter,
    @Inject(COLLAB_TUNING) private readonly tuning: CollabTuning,
  ) {}

  /** Starts tracking a loaded document's changes. */
  track(live: LiveDocument): void {
    live.doc.on('afterTransaction', (tr) => {
      // Every transaction applied something stored (a client's update, a relayed one, a REST edit):
      // even one that changed no text has a log row to record.
      const changes = tr.changed.size ? chapterChanges(tr).variants : [];
      const actor = (tr.origin as UpdateOrigin | null)?.userId ?? null;
      this.mark(live, changes, actor);
    });
  }

  private mark(live: LiveDocument, refs: { segmentId: string; lang: string }[], actor: string | null | undefined): void {
    const p = this.pendingOf(live.documentId);
    if (p.dirty.size === 0 && !p.touched) p.firstAt = Date.now();
    p.touched = true;
    for (const ref of refs) {
      if (!live.languages.includes(ref.lang)) continue;
      const key = `${ref.segmentId}\u0000${ref.lang}`;
      let actors = p.dirty.get(key);
      if (!actors) p.dirty.set(key, (actors = new Set()));
      if (actor !== undefined) actors.add(actor);
    }
    // Waiting for another process's lease: keep asking at that pace, not at every change.
    if (p.refused && p.timer) return;
    this.schedule(live, p);
  }

  private pendingOf(documentId: string): Pending {
    let p = this.pending.get(documentId);
    if (!p) {
      p = { dirty: new Map(), touched: false, firstAt: Date.now(), timer: null, running: Promise.resolve(true), owner: false, refused: false, failures: 0 };
      this.pending.set(documentId, p);
    }
    return p;
  }

  private schedule(live: LiveDocument, p: Pending, delay?: number): void {
    if (p.timer) clearTimeout(p.timer);
    const wait = delay ?? Math.max(0, Math.min(this.tuning.debounceMs, p.firstAt + this.tuning.maxDelayMs - Date.now()));
    p.timer = setTimeout(() => {
      p.timer = null;
      void this.flush(live).catch(() => undefined);
    }, wait);
    p.timer.unref();
  }

  /** Changes this process is about to write (not those waiting for another process's lease). */
  hasPending(documentId: string): boolean {
    const p = this.pending.get(documentId);
    return !!p && !p.refused && (p.dirty.size > 0 || p.touched);
  }

  /**
   * Writes everything pending for the document now. True when the rows follow everything stored
   * (written, or nothing to write); false when another process holds the lease (its marks wait) or
   * the copy was dropped. With `force`, writes even under another process's lease and even with
   * nothing marked, so that every log row is recorded as materialised.
   */
  flush(live: LiveDocument, options: { force?: boolean } = {}): Promise<boolean> {
    if (live.closed) return Promise.resolve(false);
    const p = this.pendingOf(live.documentId);
    if (p.timer) {
      clearTimeout(p.timer);
      p.timer = null;
    }
    const run = p.running.then(() => this.write(live, p, options.force ?? false));
    p.running = run.catch(() => false);
    return run;
  }

  /** Stops tracking a document and gives up its lease; resolves once the lease is released. */
  async forget(documentId: string): Promise<void> {
    const p = this.pending.get(documentId);
    if (p?.timer) clearTimeout(p.timer);
    this.pending.delete(documentId);
    await this.db
      .query(`UPDATE collab_snapshots SET materializer_until = NULL WHERE document_id = $1 AND materializer = $2`, [documentId, this.relay.processId])
      .catch(() => undefined);
  }

  private async write(live: LiveDocument, p: Pending, force: boolean): Promise<boolean> {
    if (live.closed) return false;
    if (!force && !p.dirty.size && !p.touched) return true;
    try {
      if (!force && !p.owner && !(await this.mayWrite(live.documentId))) return this.refused(live, p);
      // Usually the copy holds everything stored, and the write runs beside the document's queue
      // (typing is stored meanwhile). When rows keep arriving before the copy has them, or for an
      // export, the last attempt holds the queue and catches up under the lock: it cannot miss.
      const last = force ? 0 : this.tuning.catchUpAttempts - 1;
      for (let attempt = 0; ; attempt++) {
        const outcome = attempt < last ? await this.writeBeside(live, p, force) : await live.exclusive(() => this.writeHolding(live, p, force));
        if (outcome.kind === 'written') {
          p.owner = outcome.owner;
          p.refused = false;
          p.failures = 0;
          return true;
        }
        // The live state was discarded (its copy is being dropped): the rows are the truth again.
        if (outcome.kind === 'gone') return true;
        if (outcome.kind === 'refused') return this.refused(live, p);
        await live.catchUp(outcome.full, CAUGHT_UP);
      }
    } catch (error) {
      if (live.closed) return false;
      // The database may be restarting: the marks are kept, try again later (variant by variant
      // once it has failed repeatedly, so that one variant it refuses cannot hold up the rest).
      p.failures++;
      this.logger.warn(`Materialising ${live.documentId} failed (${p.failures} in a row), retrying: ${(error as Error).message}`);
      this.schedule(live, p, this.tuning.retryMs);
      throw error;
    }
  }

  /**
   * Reads the copy inside its queue, writes outside it (typing goes on meanwhile). 'behind' only when
   * the rows were last written from something the copy lacks (another process wrote from a newer
   * copy); rows stored since the read are not a reason to wait: they are marked and written next
   * time, and recorded as written only then.
   */
  private async writeBeside(live: LiveDocument, p: Pending, force: boolean): Promise<Outcome> {
    // Read inside the document's queue: never a REST change that has not committed yet.
    const read = await live.exclusive(() => this.read(live, p));
    try {
      const outcome = await this.db.transaction(async (tx) => {
        const state = await this.log.lockCurrent(tx, live.documentId, read);
        const refusal = this.refusal(state, force);
        if (refusal) return refusal;
        if (state!.behindWritten) return { kind: 'behind', full: state!.behindWritten === 'snapshot' } as const;
        return this.record(tx, live, read.changes, state!, state!.present.filter((id) => read.logIds.has(id)), p);
      });
      if (outcome.kind !== 'written') this.putBack(p, read.changes);
      return outcome;
    } catch (error) {
      this.putBack(p, read.changes);
      throw error;
    }
  }

  /** Runs inside the document's queue: under the lock, the copy catches up in place, then is read and written. */
  private async writeHolding(live: LiveDocument, p: Pending, force: boolean): Promise<Outcome> {
    let read: CopyRead | null = null;
    try {
      return await this.db.transaction(async (tx) => {
        const state = await this.log.lockCurrent(tx, live.documentId, live);
        const refusal = this.refusal(state, force);
        if (refusal) return refusal;
        if (state!.behind) await live.catchUpHere(state!.behind === 'snapshot', CAUGHT_UP, tx);
        read = this.read(live, p);
        // Caught up under the lock, holding the queue: the copy holds every row there is.
        return this.record(tx, live, read.changes, state!, state!.present, p);
      });
    } catch (error) {
      if (read) this.putBack(p, (read as CopyRead).changes);
      throw error;
    }
  }

  private refusal(state: CurrentState | null, force: boolean): Outcome | null {
    if (!state) return { kind: 'gone' };
    if (state.held && state.materializer !== this.relay.processId && !force) return { kind: 'refused' };
    return null;
  }

  /**
   * Writes the changed rows and records the log rows they were written from (`covered`), and the
   * lease unless another process holds it.
   */
  private async record(
    tx: EntityManager,
    live: LiveDocument,
    changes: Change[],
    state: CurrentState,
    covered: number[],
    p: Pending,
  ): Promise<Outcome> {
    await this.writeRows(tx, live, changes, p.failures >= ISOLATE_AFTER_FAILURES);
    // A forced write (an export) leaves a live lease where it is.
    const take = !state.held || state.materializer === this.relay.processId;
    await tx.query(
      `UPDATE collab_snapshots SET materialized_ids = $2::bigint[],
              materializer = CASE WHEN $3 THEN $4 ELSE materializer END,
              materializer_until = CASE WHEN $3 THEN now() + $5 * interval '1 millisecond' ELSE materializer_until END
        WHERE document_id = $1`,
      [live.documentId, covered, take, this.relay.processId, this.tuning.materializerLeaseMs],
    );
    return { kind: 'written', owner: take };
  }

  /** The marked variants' contents and what the copy has applied, at one moment; the marks are taken. */
  private read(live: LiveDocument, p: Pending): CopyRead {
    const changes: Change[] = [];
    for (const [key, actors] of p.dirty) {
      const [segmentId, lang] = key.split('\u0000') as [string, string];
      // A language removed from the project meanwhile is no longer written.
      if (!live.languages.includes(lang)) continue;
      const content = readVariant(live.doc, segmentId, lang);
      if (content !== null) changes.push({ segmentId, lang, content, actors });
    }
    p.dirty.clear();
    p.touched = false;
    return { changes, logIds: new Set(live.logIds), snapshotVersion: live.snapshotVersion, incomplete: live.incomplete };
  }

  private putBack(p: Pending, changes: Change[]): void {
    // Newer marks made meanwhile are merged in.
    for (const c of changes) {
      const key = `${c.segmentId}\u0000${c.lang}`;
      const actors = p.dirty.get(key) ?? new Set();
      for (const a of c.actors) actors.add(a);
      p.dirty.set(key, actors);
    }
    p.touched = true;
  }

  private refused(live: LiveDocument, p: Pending): false {
    // The lease holder writes; these marks wait, and take over when its lease runs out.
    p.owner = false;
    p.refused = true;
    this.schedule(live, p, this.tuning.maxDelayMs);
    return false;
  }

  /** May this process write the document's rows now (nobody else holds the lease)? */
  private async mayWrite(documentId: string): Promise<boolean> {
    const [row] = (await this.db.query(
      `SELECT materializer, COALESCE(materializer_until > now(), false) AS held FROM collab_snapshots WHERE document_id = $1`,
      [documentId],
    )) as { materializer: string | null; held: boolean }[];
    return !row || !row.held || row.materializer === this.relay.processId;
  }

  private async writeRows(tx: EntityManager, live: LiveDocument, changes: Change[], isolate: boolean): Promise<void> {
    if (!changes.length) return;
    const segmentIds = [...new Set(changes.map((c) => c.segmentId))];
    const rows = (await tx.query(
      `SELECT s.id, v.language, v.content_hash FROM segments s LEFT JOIN variants v ON v.segment_id = s.id
        WHERE s.document_id = $1 AND s.id = ANY($2::uuid[])`,
      [live.documentId, segmentIds],
    )) as { id: string; language: string | null; content_hash: string | null }[];
    const segments = new Set(rows.map((r) => r.id));
    const stored = new Map(rows.filter((r) => r.language !== null).map((r) => [`${r.id}\u0000${r.language}`, r.content_hash]));
    // Hash-based: a text that reads as its row does is not written (a REST edit already wrote it),
    // and an empty text without a row stays without one. The writer lets approvals lapse.
    const writes = changes
      .filter((c) => segments.has(c.segmentId))
      .filter((c) => {
        const hash = stored.get(`${c.segmentId}\u0000${c.lang}`);
        return hash === undefined ? c.content.length > 0 : hash !== contentHash(c.content);
      })
      .map((c) => ({ segmentId: c.segmentId, language: c.lang, content: c.content, by: [...c.actors] }));
    const context = { projectId: live.projectId, documentId: live.documentId, actorId: null, source: 'live' } as const;
    if (!isolate) {
      await this.variants.write(tx, context, writes);
      return;
    }
    for (const write of writes) {
      await tx.query('SAVEPOINT materialize_one');
      try {
        await this.variants.write(tx, context, [write]);
        await tx.query('RELEASE SAVEPOINT materialize_one');
      } catch (error) {
        await tx.query('ROLLBACK TO SAVEPOINT materialize_one');
        // Reported and left out: the live text keeps it, and the next edit of it is tried again.
        this.logger.error(
          `Variant ${write.segmentId}/${write.language} of document ${live.documentId} cannot be stored and was left out: ${(error as Error).message}`,
        );
      }
    }
  }
}
