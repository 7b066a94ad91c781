import type * as Y from 'yjs';
import { MARKS, type InlineContent, type Mark } from '#libs/content';
import { ChapterDocError } from './chapter-doc.errors.js';
import { attributesOf } from './inline-delta.js';
import { footnoteEmbed } from './schema.js';
import { diffSequences } from './sequence-diff.js';
import { type TextItem, contentItems, readTextItems } from './text-items.js';

/** What applyContentDiff did, counted in characters (code points) and footnote references. */
export interface ContentDiffStats {
  deleted: number;
  inserted: number;
  /** Characters whose marks changed without the characters being replaced. */
  formatted: number;
}

type Edit =
  | { type: 'delete'; pos: number; len: number }
  | { type: 'insert'; pos: number; items: TextItem[] }
  | { type: 'format'; pos: number; len: number; attributes: Record<string, true | null>; signature: string };

/**
 * Changes a live Y.Text so that it reads as `next`, with the smallest edit that gets there: a diff
 * over characters and footnote references (marks left out of the comparison), then deletions and
 * insertions for what changed and `format` calls for characters that only changed marks, all in
 * one transaction. Text that did not change is never deleted and re-inserted, so edits other
 * clients make concurrently elsewhere in the same text survive the merge, and a concurrent
 * replacement cannot duplicate the text.
 *
 * Content outside the schema (unknown embeds, embedded types) is invisible to the model and left
 * where it is. Returns what changed; nothing at all happens (no update is emitted) when the text
 * already reads as `next`.
 */
export function applyContentDiff(ytext: Y.Text, next: InlineContent, origin?: unknown): ContentDiffStats {
  const doc = ytext.doc;
  if (doc === null) throw new ChapterDocError('TEXT_NOT_INTEGRATED');
  const before = readTextItems(ytext);
  const after = contentItems(next);
  const runs = diffSequences(before.map(keyOf), after.map(keyOf), {
    pinned: (i) => before[i]?.kind === 'ref',
  });

  const stats: ContentDiffStats = { deleted: 0, inserted: 0, formatted: 0 };
  // Built left to right with positions of the text as it is now, applied right to left, so that
  // no edit moves the positions of the ones still to come.
  const edits: Edit[] = [];
  let a = 0;
  let b = 0;
  for (const run of runs) {
    if (run.op === 'equal') {
      for (let i = 0; i < run.count; i++) {
        const old = before[a + i]!;
        const now = after[b + i]!;
        if (old.kind !== 'char' || now.kind !== 'char') continue; // marks on references mean nothing
        const attributes = markChange(old.marks, now.marks);
        if (attributes === null) continue;
        stats.formatted++;
        const signature = JSON.stringify(attributes);
        const last = edits[edits.length - 1];
        if (last?.type === 'format' && last.signature === signature && last.pos + last.len === old.pos) {
          last.len += old.len;
        } else {
          edits.push({ type: 'format', pos: old.pos, len: old.len, attributes, signature });
        }
      }
      a += run.count;
      b += run.count;
      continue;
    }
    if (run.insert > 0) {
      const previous = before[a - 1];
      edits.push({
        type: 'insert',
        pos: previous ? previous.pos + previous.len : 0,
        items: after.slice(b, b + run.insert),
      });
    }
    for (const old of before.slice(a, a + run.remove)) {
      const last = edits[edits.length - 1];
      // Deletions are joined only over adjacent items: foreign content in between stays.
      if (last?.type === 'delete' && last.pos + last.len === old.pos) last.len += old.len;
      else edits.push({ type: 'delete', pos: old.pos, len: old.len });
    }
    stats.deleted += run.remove;
    stats.inserted += run.insert;
    a += run.remove;
    b += run.insert;
  }
  if (edits.length === 0) return stats;

  doc.transact(() => {
    for (let i = edits.length - 1; i >= 0; i--) {
      const edit = edits[i]!;
      if (edit.type === 'delete') ytext.delete(edit.pos, edit.len);
      else if (edit.type === 'format') ytext.format(edit.pos, edit.len, { ...edit.attributes });
      else insertItems(ytext, edit.pos, edit.items);
    }
  }, origin);
  return stats;
}

const keyOf = (item: TextItem): string => (item.kind === 'ref' ? `r${item.footnoteId}` : `c${item.value}`);

function markChange(from: readonly Mark[], to: readonly Mark[]): Record<string, true | null> | null {
  let change: Record<string, true | null> | null = null;
  for (const mark of MARKS) {
    const had = from.includes(mark);
    const has = to.includes(mark);
    if (had !== has) (change ??= {})[mark] = has ? true : null;
  }
  return change;
}

/**
 * Inserts runs of equally marked characters, each with explicit attributes (nothing inherited), as
 * one delta walked once: inserting run by run at growing positions made Yjs search the text from
 * its start for every run (quadratic in the runs of one insertion; 100,000 took minutes).
 */
function insertItems(ytext: Y.Text, pos: number, items: readonly TextItem[]): void {
  const ops: ({ retain: number } | { insert: string | object; attributes: Record<string, true> })[] = pos > 0 ? [{ retain: pos }] : [];
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    if (item.kind === 'ref') {
      ops.push({ insert: footnoteEmbed(item.footnoteId), attributes: {} });
      i++;
      continue;
    }
    let chunk = '';
    const marks = item.marks.join();
    for (; i < items.length; i++) {
      const next = items[i]!;
      if (next.kind !== 'char' || next.marks.join() !== marks) break;
      chunk += next.value;
    }
    ops.push({ insert: chunk, attributes: attributesOf(item.marks) as Record<string, true> });
  }
  ytext.applyDelta(ops, { sanitize: false });
}
