import { Inject, Injectable, Logger } from '@nestjs/common';
import { COLLAB_TUNING, type CollabTuning } from '../collab-tuning.js';
import { COLLAB_RELAY } from '../collaboration.tokens.js';
import type { LiveDocument } from '../live/live-document.js';
import { Materializer } from './materializer.js';
import type { Relay } from './relay.js';
import { UpdateLog } from './update-log.js';

/**
 * Folds a live document's log into its snapshot: in the background once enough rows accumulated
 * (`afterStore`), and at unload and shutdown (`compact`). One process at a time per document (a
 * relay lease), one compaction at a time per document here. The rows are materialised first, because
 * compaction folds only the log rows the relational rows were written from (`materialized_ids`): what
 * stays in the log is what a later load or export must check.
 */
@Injectable()
export class Compactor {
  /** Compactions running here, by document: a second request waits for the running one and then runs. */
  private readonly running = new Map<string, Promise<void>>();
  private readonly logger = new Logger('Compactor');

  constructor(
    private readonly log: UpdateLog,
    private readonly materializer: Materializer,
    @Inject(COLLAB_RELAY) private readonly relay: Relay,
    @Inject(COLLAB_TUNING) private readonly tuning: CollabTuning,
  ) {}

  /** Called after rows were stored: compacts in the background once `compactAfterRows` accumulated. */
  afterStore(live: LiveDocument): void {
    if (live.rowsSinceCompaction >= this.tuning.compactAfterRows && !this.running.has(live.documentId)) void this.compact(live);
  }

  /**
   * Compacts now: materialises what is pending, then folds every log row the rows were written from.
   * Resolves when done; failures are logged (the log is durable either way).
   */
  compact(live: LiveDocument): Promise<void> {
    const before = this.running.get(live.documentId) ?? Promise.resolve();
    const run = before.then(() => this.run(live));
    this.running.set(live.documentId, run);
    void run.finally(() => {
      if (this.running.get(live.documentId) === run) this.running.delete(live.documentId);
    });
    return run;
  }

  private async run(live: LiveDocument): Promise<void> {
    if (live.closed) return;
    const lease = `compact:${live.documentId}`;
    try {
      if (!(await this.relay.lease(lease, this.tuning.compactionLeaseMs))) return;
      try {
        await live.drain();
        await this.materializer.flush(live);
        const before = live.rowsSinceCompaction;
        const previous = live.snapshotVersion;
        const { folded, version } = await this.log.compact(live.documentId);
        live.compacted(previous, folded, version, before);
      } finally {
        await this.relay.release(lease);
      }
    } catch (error) {
      this.logger.warn(`Compacting ${live.documentId} failed: ${(error as Error).message}`);
    }
  }
}
