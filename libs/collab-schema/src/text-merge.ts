import * as Y from 'yjs';
import { applyContentDiff } from './content-diff.js';
import { readContent, writeContent } from './text-content.js';
import type { InlineContent } from '#libs/content';

/**
 * Three-way merge of inline content: `base` is what a REST caller edited (the materialised row),
 * `live` what the live document holds now (it may include typing that did not reach the rows yet),
 * `next` what the caller sent. Returns the content that keeps both sides' changes.
 *
 * Done with Yjs itself, so the merge follows the same rules as two people editing: a scratch text
 * holds `base`; one copy is brought to `live` and another to `next`, each by the minimal diff of
 * collab-schema; merging the copies applies both diffs. Small and short-lived (one paragraph).
 */
export function mergeContent(base: InlineContent, live: InlineContent, next: InlineContent): InlineContent {
  const a = new Y.Doc();
  const b = new Y.Doc();
  try {
    writeContent(a.getText('t'), base);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyContentDiff(a.getText('t'), live);
    applyContentDiff(b.getText('t'), next);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    return readContent(a.getText('t'));
  } finally {
    a.destroy();
    b.destroy();
  }
}
