import { collabTuning } from '../collab-tuning.js';
import type { LiveDocument } from '../live/live-document.js';
import { Compactor } from './compactor.js';
import type { Materializer } from './materializer.js';
import type { Relay } from './relay.js';
import type { UpdateLog } from './update-log.js';

/** A compactor over fakes: `fold` resolves each log compaction when the test says so. */
function setup() {
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const log = {
    compact: (id: string) =>
      new Promise<{ folded: number[]; version: string | null }>((resolve) => {
        calls.push(`fold ${id}`);
        pending.push(() => resolve({ folded: [1, 2], version: `v${calls.length}` }));
      }),
  } as unknown as UpdateLog;
  const materializer = { flush: async () => (calls.push('materialise'), true) } as unknown as Materializer;
  const relay = { lease: async () => true, release: async () => undefined } as unknown as Relay;
  let rows = 600;
  const live = {
    documentId: 'd1',
    closed: false,
    snapshotVersion: 'v0',
    get rowsSinceCompaction() {
      return rows;
    },
    drain: async () => undefined,
    compacted: (_previous: string | null, folded: readonly number[]) => {
      calls.push(`compacted ${folded.length}`);
      rows = 0;
    },
  } as unknown as LiveDocument;
  const compactor = new Compactor(log, materializer, relay, collabTuning({ compactAfterRows: 500 }));
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { compactor, live, calls, pending, settle, addRows: (n: number) => (rows += n) };
}

describe('Compactor', () => {
  it('makes a compaction asked for while one runs wait for it and then run, instead of returning at once', async () => {
    const { compactor, live, calls, pending, settle } = setup();
    compactor.afterStore(live);
    await settle();
    expect(calls).toEqual(['materialise', 'fold d1']);
    // Shutdown asks while the background compaction is folding: it must not return before it is done.
    let finished = false;
    const atShutdown = compactor.compact(live).then(() => (finished = true));
    await settle();
    expect(finished).toBe(false);
    pending.shift()!();
    await settle();
    // The first one is done; the shutdown's own runs after it (rows may have come meanwhile).
    expect(calls).toEqual(['materialise', 'fold d1', 'compacted 2', 'materialise', 'fold d1']);
    expect(finished).toBe(false);
    pending.shift()!();
    await atShutdown;
    expect(calls.filter((c) => c.startsWith('compacted'))).toHaveLength(2);
  });

  it('compacts in the background only once enough rows accumulated, and not twice at once', async () => {
    const { compactor, live, calls, pending, settle, addRows } = setup();
    compactor.afterStore(live);
    compactor.afterStore(live);
    await settle();
    expect(calls.filter((c) => c.startsWith('fold'))).toHaveLength(1);
    pending.shift()!();
    await settle();
    compactor.afterStore(live);
    await settle();
    expect(calls.filter((c) => c.startsWith('fold'))).toHaveLength(1);
    addRows(500);
    compactor.afterStore(live);
    await settle();
    expect(calls.filter((c) => c.startsWith('fold'))).toHaveLength(2);
    pending.shift()!();
  });
});
