import * as Y from 'yjs';
import { SEGMENTS, SEGMENT_FIELDS, variantText } from '#libs/collab-schema';
import { CONTENT_LIMITS } from '#libs/content';

/** Where an update writes: the text of one segment in one language, or anywhere else (structure). */
export type WriteTarget = { kind: 'text'; segmentId: string; lang: string } | { kind: 'structure' };

export type GuardVerdict = { ok: true; languages: Set<string> } | { ok: false; reason: string };

type AnyType = Y.AbstractType<any>;
type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * Decides, before an update is stored or applied, whether a connection may send it: it may only
 * change the content of Y.Texts that already exist, under `segments/<id>/text/<lang>`, in languages
 * it may edit. Creating or removing segments, texts or footnotes, changing order, kinds, levels or
 * labels is structure, which only the REST API changes (it runs the collab-schema helpers on the
 * server). The update is decoded, never applied: each new item is placed through its parent or,
 * when the encoding left the parent out, through its left or right origin; each deletion through
 * the deleted item in the document. A text may not grow past CONTENT_LIMITS.characters, the limit
 * of a REST write ('text too long'). Throws on bytes that are not an update (the caller closes).
 */
export function inspectUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  writable: (lang: string) => boolean,
  pending: PendingStructs = new PendingStructs(),
): GuardVerdict {
  const decoded = Y.decodeUpdate(update) as { structs: Struct[]; ds: { clients: Map<number, { clock: number; len: number }[]> } };
  const own = new Map<number, Y.Item[]>();
  for (const s of decoded.structs) {
    if (s instanceof Y.Item) {
      let list = own.get(s.id.client);
      if (!list) own.set(s.id.client, (list = []));
      list.push(s);
    }
  }
  const languages = new Set<string>();
  const memo = pending.targets;
  const segmentsRoot = doc.share.get(SEGMENTS) ?? null;

  const ownItem = (id: Y.ID): Y.Item | null => {
    for (const list of [own.get(id.client), pending.items.get(id.client)]) {
      for (const item of list ?? []) if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
    }
    return null;
  };
  const storeItem = (id: Y.ID): Y.Item | Y.GC | null => {
    if (Y.getState(doc.store, id.client) <= id.clock) return null;
    const structs = doc.store.clients.get(id.client)!;
    return structs[Y.findIndexSS(structs, id.clock)] as Y.Item | Y.GC;
  };

  /** Where the content of an existing (integrated) type is, if it is a variant's Y.Text. */
  const textTarget = (type: AnyType | null): WriteTarget => {
    if (!(type instanceof Y.Text) || !type._item || type._item.parentSub === null) return STRUCTURE;
    const texts = type._item.parent as AnyType;
    if (!(texts instanceof Y.Map) || !texts._item || texts._item.parentSub !== SEGMENT_FIELDS.text) return STRUCTURE;
    const segment = texts._item.parent as AnyType;
    if (!(segment instanceof Y.Map) || !segment._item || segment._item.parentSub === null) return STRUCTURE;
    if (segment._item.parent !== segmentsRoot || segmentsRoot === null) return STRUCTURE;
    return { kind: 'text', segmentId: segment._item.parentSub, lang: type._item.parentSub };
  };

  const place = (item: Y.Item, depth = 0): WriteTarget => {
    const known = memo.get(item);
    if (known) return known;
    let target: WriteTarget = STRUCTURE;
    if (item.parentSub === null && !(item.content instanceof Y.ContentType) && depth < 10_000) {
      const parent = item.parent as AnyType | Y.ID | string | null;
      if (parent instanceof Y.ID) {
        const holder = storeItem(parent);
        if (holder instanceof Y.Item && holder.content instanceof Y.ContentType) target = textTarget(holder.content.type as AnyType);
      } else if (parent === null) {
        const neighbourId = item.origin ?? item.rightOrigin;
        if (neighbourId) {
          const stored = storeItem(neighbourId);
          if (stored instanceof Y.Item) target = textTarget(stored.parent as AnyType);
          else if (stored === null) {
            const sibling = ownItem(neighbourId);
            if (sibling && sibling !== item) target = place(sibling, depth + 1);
          }
        }
      }
    }
    memo.set(item, target);
    return target;
  };

  const accept = (target: WriteTarget): string | null => {
    if (target.kind !== 'text') return 'structure';
    if (!writable(target.lang)) return `language ${target.lang}`;
    languages.add(target.lang);
    return null;
  };
  /** Characters each text gains (or loses) with this update, to keep it within CONTENT_LIMITS. */
  const growth = new Map<string, { segmentId: string; lang: string; by: number }>();
  const grow = (target: WriteTarget, struct: Y.Item, sign: 1 | -1): void => {
    if (target.kind !== 'text' || !(struct.content instanceof Y.ContentString)) return;
    const key = `${target.segmentId}\u0000${target.lang}`;
    const entry = growth.get(key) ?? { segmentId: target.segmentId, lang: target.lang, by: 0 };
    entry.by += sign * struct.length;
    growth.set(key, entry);
  };

  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    // Already stored: Yjs skips it when applying.
    if (Y.getState(doc.store, s.id.client) >= s.id.clock + s.length) continue;
    const target = place(s);
    const refused = accept(target);
    if (refused) return { ok: false, reason: refused };
    grow(target, s, 1);
  }

  for (const [client, deletes] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    const state = Y.getState(doc.store, client);
    for (const del of deletes) {
      const end = del.clock + del.len;
      if (del.clock < state && structs) {
        for (let i = Y.findIndexSS(structs, del.clock); i < structs.length && structs[i]!.id.clock < end; i++) {
          const struct = structs[i]!;
          if (!(struct instanceof Y.Item) || struct.deleted) continue;
          const target = textTarget(struct.parent as AnyType);
          const refused = accept(target);
          if (refused) return { ok: false, reason: refused };
          // Counted whole: a deletion of part of an item errs on the side of a longer text.
          if (struct.id.clock >= del.clock && struct.id.clock + struct.length <= end) grow(target, struct, -1);
        }
      }
      if (end > state) {
        // Deleting what the same update creates (typed and removed offline): placed like the item itself.
        for (let clock = Math.max(del.clock, state); clock < end; ) {
          const item = ownItem(Y.createID(client, clock));
          if (!item) return { ok: false, reason: 'deletes unknown content' };
          const refused = accept(place(item));
          if (refused) return { ok: false, reason: refused };
          clock = item.id.clock + item.length;
        }
      }
    }
  }
  for (const { segmentId, lang, by } of growth.values()) {
    if (by <= 0) continue;
    const current = variantText(doc, segmentId, lang)?.length ?? 0;
    if (current + by > CONTENT_LIMITS.characters) return { ok: false, reason: 'text too long' };
  }
  pending.add(own);
  return { ok: true, languages };
}

/**
 * Items of updates that were accepted but are not applied yet (their append is running). The next
 * update from the same client usually builds on them (typing "ab" is two updates, the second one's
 * origin is the first one's item), so they count as known when placing it.
 */
export class PendingStructs {
  readonly items = new Map<number, Y.Item[]>();
  readonly targets = new Map<Y.Item, WriteTarget>();

  add(items: Map<number, Y.Item[]>): void {
    for (const [client, list] of items) {
      const known = this.items.get(client);
      if (known) known.push(...list);
      else this.items.set(client, [...list]);
    }
  }

  /** Forgets items the document has integrated (they are found there now); keeps lookups short under load. */
  prune(doc: Y.Doc): void {
    for (const [client, list] of this.items) {
      const state = Y.getState(doc.store, client);
      const kept = list.filter((item) => item.id.clock + item.length > state);
      if (kept.length === list.length) continue;
      for (const item of list) if (item.id.clock + item.length <= state) this.targets.delete(item);
      if (kept.length) this.items.set(client, kept);
      else this.items.delete(client);
    }
  }

  /** Once nothing is waiting to be applied, everything is in the document itself. */
  clear(): void {
    this.items.clear();
    this.targets.clear();
  }
}

const STRUCTURE: WriteTarget = { kind: 'structure' };
