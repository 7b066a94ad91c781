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
  /** Log rows not folded into the snapshot yet, oldest first. */
  updates: { id: number; update: Uint8Array; userId: string | null }[];
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

  async load(documentId: string): Promise<StoredState> {
    const [snapshot] = (await this.db.query(`SELECT state FROM collab_snapshots WHERE document_id = $1`, [documentId])) as {
      state: Buffer;
    }[];
    const rows = (await this.db.query(`SELECT id, update, user_id FROM collab_updates WHERE document_id = $1 ORDER BY id`, [
      documentId,
    ])) as { id: string; update: Buffer; user_id: string | null }[];
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.state) : null,
      updates: rows.map((r) => ({ id: Number(r.id), update: new Uint8Array(r.update), userId: r.user_id })),
    };
  }

  /** Log rows with ids above `afterId` (a cheap catch-up for a process that may have missed a relayed update). */
  async since(documentId: string, afterId: number): Promise<{ id: number; update: Uint8Array }[]> {
    const rows = (await this.db.query(`SELECT id, update FROM collab_updates WHERE document_id = $1 AND id > $2 ORDER BY id`, [
      documentId,
      afterId,
    ])) as { id: string; update: Buffer }[];
    return rows.map((r) => ({ id: Number(r.id), update: new Uint8Array(r.update) }));
  }

  /**
   * Stores the first state of a document seeded from the relational rows. False when another
   * process got there first: the caller reloads, so every process works on the same seed.
   */
  async saveSeed(documentId: string, state: Uint8Array): Promise<boolean> {
    const rows = (await this.db.query(
      `INSERT INTO collab_snapshots (document_id, state) SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)
       ON CONFLICT (document_id) DO NOTHING RETURNING document_id`,
      [documentId, Buffer.from(state)],
    )) as unknown[];
    return rows.length === 1;
  }

  async logLength(documentId: string): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*)::int AS n FROM collab_updates WHERE document_id = $1`, [documentId])) as {
      n: number;
    }[];
    return row?.n ?? 0;
  }

  /**
   * Folds the log into the snapshot through a garbage-collecting Y.Doc. The snapshot row is locked
   * for the duration, so two compactions of one document (two processes) run one after the other;
   * appends never wait for it, and a row that commits while it runs is simply not folded this time.
   * Returns how many rows were folded.
   */
  async compact(documentId: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [snapshot] = (await tx.query(`SELECT state FROM collab_snapshots WHERE document_id = $1 FOR UPDATE`, [documentId])) as {
        state: Buffer;
      }[];
      if (!snapshot) return 0;
      const rows = (await tx.query(`SELECT id, update FROM collab_updates WHERE document_id = $1 ORDER BY id`, [documentId])) as {
        id: string;
        update: Buffer;
      }[];
      if (!rows.length) return 0;
      const doc = new Y.Doc({ gc: true });
      try {
        Y.applyUpdate(doc, new Uint8Array(snapshot.state));
        for (const row of rows) applyTolerantly(doc, new Uint8Array(row.update));
        const ids = rows.map((r) => r.id);
        await tx.query(
          `UPDATE collab_snapshots SET state = $2, last_update_id = GREATEST(last_update_id, $3), updated_at = now() WHERE document_id = $1`,
          [documentId, Buffer.from(Y.encodeStateAsUpdate(doc)), ids[ids.length - 1]],
        );
        await tx.query(`DELETE FROM collab_updates WHERE document_id = $1 AND id = ANY($2::bigint[])`, [documentId, ids]);
        return ids.length;
      } finally {
        doc.destroy();
      }
    });
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
