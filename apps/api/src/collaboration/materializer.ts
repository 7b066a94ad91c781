import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { chapterChanges, readVariant } from '#libs/collab-schema';
import { type InlineContent, plainText } from '#libs/content';
import { contentHash } from '../segments/content-hash.js';
import { COLLAB_RELAY } from './collaboration.tokens.js';
import type { LiveDocument, UpdateOrigin } from './live-document.js';
import type { Relay } from './relay.js';

/** Tunables; tests shorten them. */
export const MATERIALIZE_TIMING = {
  /** Quiet time after the last change before the rows are written. */
  debounceMs: 300,
  /** The longest a change waits for its row while people keep typing ("within about a second"). */
  maxDelayMs: 1000,
  /** Live edits of one person in one variant within this window make one history entry. */
  historyWindowMs: 60_000,
  retryMs: 1000,
  leaseMs: 5000,
};

interface Pending {
  /** `segmentId\u0000lang` → who changed it since the last write. */
  dirty: Map<string, Set<string | null>>;
  firstAt: number;
  timer: NodeJS.Timeout | null;
  running: Promise<void>;
}

interface Change {
  segmentId: string;
  lang: string;
  content: InlineContent;
  actors: Set<string | null>;
}

/**
 * Keeps the relational variants following the live documents: content, plain text, hash, revision,
 * who and when. Hash-based (a variant whose text reads the same is not written, so a REST edit that
 * already wrote its row costs nothing), only the variants a transaction touched, one write at a
 * time per document, and rows are locked while written, so a REST edit and the materialiser never
 * interleave on a row. An approval lapses when its text changes (as SegmentsService does). History:
 * one entry per person, variant and window, updated while they keep typing.
 */
@Injectable()
export class Materializer {
  private readonly pending = new Map<string, Pending>();
  private readonly openHistory = new Map<string, { id: string; at: number }>();
  private readonly logger = new Logger('Materializer');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(COLLAB_RELAY) private readonly relay: Relay,
  ) {}

  /** Starts tracking a loaded document's changes. */
  track(live: LiveDocument, languages: readonly string[]): void {
    live.doc.on('afterTransaction', (tr) => {
      if (tr.changed.size === 0) return;
      const changes = chapterChanges(tr).variants;
      if (!changes.length) return;
      const actor = (tr.origin as UpdateOrigin | null)?.userId ?? null;
      this.mark(live, changes.filter((c) => languages.includes(c.lang)), actor);
    });
  }

  private mark(live: LiveDocument, refs: { segmentId: string; lang: string }[], actor: string | null | undefined): void {
    if (!refs.length) return;
    let p = this.pending.get(live.documentId);
    if (!p) this.pending.set(live.documentId, (p = { dirty: new Map(), firstAt: Date.now(), timer: null, running: Promise.resolve() }));
    if (p.dirty.size === 0) p.firstAt = Date.now();
    for (const ref of refs) {
      const key = `${ref.segmentId}\u0000${ref.lang}`;
      let actors = p.dirty.get(key);
      if (!actors) p.dirty.set(key, (actors = new Set()));
      if (actor !== undefined) actors.add(actor);
    }
    this.schedule(live, p);
  }

  private schedule(live: LiveDocument, p: Pending, delay?: number): void {
    if (p.timer) clearTimeout(p.timer);
    const wait = delay ?? Math.max(0, Math.min(MATERIALIZE_TIMING.debounceMs, p.firstAt + MATERIALIZE_TIMING.maxDelayMs - Date.now()));
    p.timer = setTimeout(() => {
      p.timer = null;
      void this.flush(live).catch(() => undefined);
    }, wait);
    p.timer.unref();
  }

  hasPending(documentId: string): boolean {
    return (this.pending.get(documentId)?.dirty.size ?? 0) > 0;
  }

  /** Writes everything pending for the document now; resolves when the rows are written. */
  flush(live: LiveDocument): Promise<void> {
    const p = this.pending.get(live.documentId);
    if (!p) return Promise.resolve();
    if (p.timer) {
      clearTimeout(p.timer);
      p.timer = null;
    }
    const run = p.running.then(() => this.write(live, p));
    p.running = run.catch(() => undefined);
    return run;
  }

  forget(documentId: string): void {
    const p = this.pending.get(documentId);
    if (p?.timer) clearTimeout(p.timer);
    this.pending.delete(documentId);
    void this.relay.release(`materialize:${documentId}`).catch(() => undefined);
  }

  private async write(live: LiveDocument, p: Pending): Promise<void> {
    if (!p.dirty.size || live.closed) return;
    // With several processes one of them writes a document's rows; the others keep their marks
    // and take over when its lease runs out (it died or unloaded the document).
    if (!(await this.relay.lease(`materialize:${live.documentId}`, MATERIALIZE_TIMING.leaseMs).catch(() => false))) {
      this.schedule(live, p, MATERIALIZE_TIMING.maxDelayMs);
      return;
    }
    // Read inside the document's queue: never a REST change that has not committed yet.
    const changes = await live.exclusive(() => {
      const out: Change[] = [];
      for (const [key, actors] of p.dirty) {
        const [segmentId, lang] = key.split('\u0000') as [string, string];
        const content = readVariant(live.doc, segmentId, lang);
        if (content !== null) out.push({ segmentId, lang, content, actors });
      }
      p.dirty.clear();
      return out;
    });
    if (!changes.length) return;
    try {
      await this.store(live, changes);
    } catch (error) {
      if (live.closed) return;
      // Put them back (newer marks merged in) and try again later: the database may be restarting.
      for (const c of changes) {
        const key = `${c.segmentId}\u0000${c.lang}`;
        const actors = p.dirty.get(key) ?? new Set();
        for (const a of c.actors) actors.add(a);
        p.dirty.set(key, actors);
      }
      this.logger.warn(`Materialising ${live.documentId} failed, retrying: ${(error as Error).message}`);
      this.schedule(live, p, MATERIALIZE_TIMING.retryMs);
      throw error;
    }
  }

  private async store(live: LiveDocument, changes: Change[]): Promise<void> {
    const segmentIds = [...new Set(changes.map((c) => c.segmentId))];
    await this.db.transaction(async (tx) => {
      const existing = (await tx.query(`SELECT id FROM segments WHERE document_id = $1 AND id = ANY($2::uuid[])`, [
        live.documentId,
        segmentIds,
      ])) as { id: string }[];
      const segments = new Set(existing.map((r) => r.id));
      const rows = (await tx.query(
        `SELECT segment_id, language, content, content_hash, status, revision FROM variants
          WHERE segment_id = ANY($1::uuid[]) ORDER BY segment_id, language FOR UPDATE`,
        [[...segments]],
      )) as { segment_id: string; language: string; content: InlineContent; content_hash: string; status: string; revision: number }[];
      const now = Date.now();
      for (const change of changes) {
        if (!segments.has(change.segmentId)) continue;
        const row = rows.find((r) => r.segment_id === change.segmentId && r.language === change.lang);
        const hash = contentHash(change.content);
        if (row ? row.content_hash === hash : change.content.length === 0) continue;
        const actors = [...change.actors];
        const actor = actors.filter((a) => a !== null).at(-1) ?? null;
        let revision: number;
        if (row) {
          revision = row.revision + 1;
          // The approval was bound to the old text: it lapses, as with a REST edit.
          await tx.query(
            `UPDATE variants SET content = $3, plain_text = $4, content_hash = $5, revision = $6, updated_by = $7, updated_at = now(),
                    status = CASE WHEN status = 'approved' THEN 'translated' ELSE status END,
                    approved_hash = NULL, approved_by = NULL, approved_at = NULL
              WHERE segment_id = $1 AND language = $2`,
            [change.segmentId, change.lang, JSON.stringify(change.content), plainText(change.content), hash, revision, actor],
          );
        } else {
          revision = 1;
          await tx.query(
            `INSERT INTO variants (segment_id, language, content, plain_text, content_hash, status, revision, updated_by)
             VALUES ($1, $2, $3, $4, $5, 'draft', 1, $6)`,
            [change.segmentId, change.lang, JSON.stringify(change.content), plainText(change.content), hash, actor],
          );
        }
        for (const who of actors.length ? actors : [null]) {
          const key = `${who}\u0000${change.segmentId}\u0000${change.lang}`;
          const open = this.openHistory.get(key);
          const after = JSON.stringify({ content: change.content, revision });
          if (open && now - open.at < MATERIALIZE_TIMING.historyWindowMs) {
            const updated = (await tx.query(`UPDATE history_entries SET after = $2 WHERE id = $1 RETURNING id`, [open.id, after])) as unknown[];
            // TypeORM returns [rows, count] for UPDATE … RETURNING on pg.
            if (countOf(updated) > 0) {
              open.at = now;
              continue;
            }
          }
          const [inserted] = (await tx.query(
            `INSERT INTO history_entries (project_id, document_id, segment_id, language, actor_id, source, action, before, after)
             VALUES ($1, $2, $3, $4, $5, 'live', 'variant.edit', $6, $7) RETURNING id`,
            [
              live.projectId,
              live.documentId,
              change.segmentId,
              change.lang,
              who,
              row ? JSON.stringify({ content: row.content, revision: row.revision }) : null,
              after,
            ],
          )) as { id: string }[];
          this.openHistory.set(key, { id: inserted!.id, at: now });
        }
      }
    });
    if (this.openHistory.size > 10_000) {
      const cutoff = Date.now() - MATERIALIZE_TIMING.historyWindowMs;
      for (const [key, open] of this.openHistory) if (open.at < cutoff) this.openHistory.delete(key);
    }
  }
}

const countOf = (result: unknown[]): number => {
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
  return result.length;
};
