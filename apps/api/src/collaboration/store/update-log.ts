import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import * as Y from 'yjs';

export interface LogEntry {
  update: Uint8Array;
  userId: string | null;
}

export interface StoredState {
  /** The compacted state, or null before the document was first seeded. */
  snapshot: Uint8Array | null;
  /** Changes whenever the snapshot's state does (seed, compaction): a copy that read another one may lack folded rows. */
  version: string | null;
  /** Log rows not folded into the snapshot yet, oldest first. */
  updates: { id: number; update: Uint8Array; userId: string | null }[];
}

/** What `lockCurrent` compares: what a live copy has applied. */
export interface StoredCopy {
  readonly logIds: ReadonlySet<number>;
  readonly snapshotVersion: string | null;
  readonly incomplete: boolean;
}

export interface CurrentState {
  /** The process holding the materialiser lease (`held`: not expired). */
  materializer: string | null;
  held: boolean;
  /** Ids of the log rows now. */
  present: number[];
  /** Null: the copy holds everything stored. 'log': it lacks log rows; 'snapshot': it must re-read everything. */
  behind: 'log' | 'snapshot' | null;
  /**
   * The same measured against what the relational rows were last written from (`materialized_ids`):
   * null when the copy holds all of that, so writing from it cannot put an older state over a newer
   * one, even if rows were stored since it was read (they are written next time).
   */
  behindWritten: 'log' | 'snapshot' | null;
}

/**
 * The durable side of a live document in PostgreSQL: an append-only log of the Yjs updates the
 * server accepted, and one compacted snapshot per document. Nothing here knows about segments.
 *
 * A row's id comes from a sequence when it is inserted, but rows commit in any order, so "every id
 * above N" is not a safe description of what a snapshot lacks. Compaction therefore deletes exactly
 * the rows it folded, and loading applies every row still in the log on top of the snapshot (Yjs
 * updates are idempotent, so a row that is also in the snapshot does no harm).
 */
@Injectable()
export class UpdateLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Appends updates in one statement (a group commit); resolves once they are durable. Returns their ids. */
  async append(documentId: string, entries: readonly LogEntry[], manager: EntityManager = this.db.manager): Promise<number[]> {
    if (!entries.length) return [];
    const values: string[] = [];
    const params: unknown[] = [documentId];
    for (const entry of entries) {
      params.push(Buffer.from(entry.update.buffer, entry.update.byteOffset, entry.update.byteLength), entry.userId);
      values.push(`($1, $${params.length - 1}, $${params.length})`);
    }
    const rows = (await manager.query(
      `INSERT INTO collab_updates (document_id, update, user_id) VALUES ${values.join(', ')} RETURNING id`,
      params,
    )) as { id: string }[];
    return rows.map((r) => Number(r.id));
  }

  async load(documentId: string, manager: EntityManager = this.db.manager): Promise<StoredState> {
    // The log first: a compaction between the two reads then folds rows we read into the snapshot we
    // read (read the other way round, the rows it folded would be in neither).
    const rows = (await manager.query(`SELECT id, update, user_id FROM collab_updates WHERE document_id = $1 ORDER BY id`, [
      documentId,
    ])) as { id: string; update: Buffer; user_id: string | null }[];
    const [snapshot] = (await manager.query(`SELECT state, updated_at::text AS version FROM collab_snapshots WHERE document_id = $1`, [
      documentId,
    ])) as { state: Buffer; version: string }[];
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
      version: snapshot?.version ?? null,
      updates: rows.map((r) => ({ id: Number(r.id), update: new Uint8Array(r.update), userId: r.user_id })),
    };
  }

  /**
   * Log rows other than `known` (the rows a live copy has applied): what it lacks of the log. Ids
   * commit out of order, so "above the highest id seen" could miss one.
   */
  async rowsExcept(documentId: string, known: readonly number[], manager: EntityManager = this.db.manager): Promise<StoredState['updates']> {
    const rows = (await manager.query(
      `SELECT id, update, user_id FROM collab_updates WHERE document_id = $1 AND NOT (id = ANY($2::bigint[])) ORDER BY id`,
      [documentId, known],
    )) as { id: string; update: Buffer; user_id: string | null }[];
    return rows.map((r) => ({ id: Number(r.id), update: new Uint8Array(r.update), userId: r.user_id }));
  }

  /**
   * Stores the first state of a document seeded from the relational rows. False when another
   * process got there first: the caller reloads, so every process works on the same seed.
   */
  async saveSeed(documentId: string, state: Uint8Array): Promise<string | null> {
    const rows = (await this.db.query(
      `INSERT INTO collab_snapshots (document_id, state) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)
       ON CONFLICT (document_id) DO NOTHING RETURNING updated_at::text AS version`,
      [documentId, Buffer.from(state)],
    )) as { version: string }[];
    return rows[0]?.version ?? null;
  }

  /**
   * Folds the log into the snapshot through a garbage-collecting Y.Doc. Only rows the relational rows
   * were last materialised from (`materialized_ids`) are folded: the rest stay in the log, which is how
   * a later load or export knows which variants may lag. The snapshot row is locked for the duration,
   * so compactions and materialising writes of one document run one after the other; appends never
   * wait for it, and a row that commits while it runs is simply not folded this time.
   * Returns the ids folded and the snapshot's new version.
   */
  async compact(documentId: string): Promise<{ folded: number[]; version: string | null }> {
    return this.db.transaction(async (tx) => {
      const [snapshot] = (await tx.query(
        `SELECT state, materialized_ids::text[] AS materialized FROM collab_snapshots WHERE document_id = $1 FOR UPDATE`,
        [documentId],
      )) as { state: Buffer; materialized: string[] }[];
      if (!snapshot) return { folded: [], version: null };
      const rows = (await tx.query(
        `SELECT id, update FROM collab_updates WHERE document_id = $1 AND id = ANY($2::bigint[]) ORDER BY id`,
        [documentId, snapshot.materialized],
      )) as { id: string; update: Buffer }[];
      if (!rows.length) return { folded: [], version: null };
      const doc = new Y.Doc({ gc: true });
      try {
        Y.applyUpdate(doc, new Uint8Array(snapshot.state));
        for (const row of rows) applyTolerantly(doc, new Uint8Array(row.update));
        const ids = rows.map((r) => r.id);
        // clock_timestamp, not now(): the version must differ from the one before even if this
        // transaction started first and waited for the lock.
        await tx.query(
          `UPDATE collab_snapshots SET state = $2, last_update_id = GREATEST(last_update_id, $3), updated_at = clock_timestamp()
            WHERE document_id = $1`,
          [documentId, Buffer.from(Y.encodeStateAsUpdate(doc)), ids[ids.length - 1]],
        );
        await tx.query(`DELETE FROM collab_updates WHERE document_id = $1 AND id = ANY($2::bigint[])`, [documentId, ids]);
        const [after] = (await tx.query(`SELECT updated_at::text AS version FROM collab_snapshots WHERE document_id = $1`, [
          documentId,
        ])) as { version: string }[];
        return { folded: ids.map(Number), version: after?.version ?? null };
      } finally {
        doc.destroy();
      }
    });
  }

  /**
   * Locks the document's snapshot row (the lock compaction takes) for the rest of `tx` and tells
   * whether `copy` holds everything stored: the same snapshot version, every log row applied, no
   * update waiting for a dependency. Null when there is no snapshot (the live state was discarded).
   * Whoever writes the relational rows or creates structure that must exist once does it under this.
   */
  async lockCurrent(tx: EntityManager, documentId: string, copy: StoredCopy): Promise<CurrentState | null> {
    const [state] = (await tx.query(
      `SELECT updated_at::text AS version, materializer, COALESCE(materializer_until > now(), false) AS held,
              materialized_ids::text[] AS written
         FROM collab_snapshots WHERE document_id = $1 FOR UPDATE`,
      [documentId],
    )) as { version: string; materializer: string | null; held: boolean; written: string[] }[];
    if (!state) return null;
    const rows = (await tx.query(`SELECT id::text AS id FROM collab_updates WHERE document_id = $1`, [documentId])) as { id: string }[];
    const present = rows.map((r) => Number(r.id));
    const stale = state.version !== copy.snapshotVersion || copy.incomplete;
    const lacks = (ids: number[]): boolean => ids.some((id) => !copy.logIds.has(id));
    const behind: CurrentState['behind'] = stale ? 'snapshot' : lacks(present) ? 'log' : null;
    // `materialized_ids` keeps the ids of rows compaction folded since; those are in the snapshot, which
    // `stale` covers. Counting them made every write after a compaction look behind (three wasted
    // attempts, then one that held the document's queue).
    const inLog = new Set(present);
    const written = state.written.map(Number).filter((id) => inLog.has(id));
    const behindWritten: CurrentState['behindWritten'] = stale ? 'snapshot' : lacks(written) ? 'log' : null;
    return { materializer: state.materializer, held: state.held, present, behind, behindWritten };
  }

  /** Forgets a document's live state, so it is seeded from the relational rows the next time it opens. */
  async discard(documentId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM collab_snapshots WHERE document_id = $1`, [documentId]);
      await tx.query(`DELETE FROM collab_updates WHERE document_id = $1`, [documentId]);
    });
  }
}

/**
 * Applies a stored update, skipping one that Yjs cannot read. Updates are checked before they are
 * stored, so this should never skip anything; it keeps one bad row from making a chapter unopenable.
 */
export function applyTolerantly(doc: Y.Doc, update: Uint8Array, origin?: unknown): boolean {
  try {
    Y.applyUpdate(doc, update, origin);
    return true;
  } catch {
    return false;
  }
}

