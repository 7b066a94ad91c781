import * as Y from 'yjs';
import { FOOTNOTES, ORDER, SEGMENTS, SEGMENT_FIELDS } from './schema.js';

/** Any shared type, typed as Yjs types its own (`doc.share`, `tr.changed`). */
type SharedType = Y.AbstractType<Y.YEvent<any>>;

/** One segment in one language. */
export interface VariantRef {
  segmentId: string;
  lang: string;
}

/** What one transaction touched, as far as materialisation cares. */
export interface ChapterChanges {
  /** Variants whose Y.Text changed, was created or was replaced (also every variant of a segment that was added or replaced). */
  variants: VariantRef[];
  /** Segments added, removed or replaced, or whose kind, level or footnoteId changed. */
  segments: string[];
  /** Whether the main-flow order changed. */
  order: boolean;
  /** Footnotes added, removed or replaced, or whose body or labels changed. */
  footnotes: string[];
}

/**
 * Reads a transaction (`doc.on('afterTransaction', tr => …)`, local or from an applied update) for
 * what changed. Works on `tr.changed`: Yjs records there each type that changed, with the keys
 * that changed for maps, but not types created in the same transaction; those show up as a key
 * change of their parent, which is why a new segment reports all its variants. Each changed type
 * is placed by walking up its parents (`_item.parent`, `_item.parentSub`) to one of the roots;
 * anything that does not sit where the schema puts it is ignored. The transaction may mention
 * segments that no longer exist (removed): the caller re-reads the document.
 */
export function chapterChanges(tr: Y.Transaction): ChapterChanges {
  const doc = tr.doc;
  const variants = new Map<string, VariantRef>();
  const segments = new Set<string>();
  const footnotes = new Set<string>();
  let order = false;
  // Roots are looked up by name, and read without doc.getMap(): a root this process never asked
  // for is still a bare AbstractType (getMap would convert it, a side effect inside a listener).
  const segmentsRoot = doc.share.get(SEGMENTS);
  const addVariant = (segmentId: string, lang: string): void => {
    variants.set(JSON.stringify([segmentId, lang]), { segmentId, lang });
  };
  const addAllVariants = (segmentId: string): void => {
    const segment = segmentsRoot ? mapValue(segmentsRoot, segmentId) : undefined;
    const texts: unknown = segment instanceof Y.Map ? segment.get(SEGMENT_FIELDS.text) : undefined;
    if (!(texts instanceof Y.Map)) return;
    for (const [lang, ytext] of texts.entries()) if (ytext instanceof Y.Text) addVariant(segmentId, lang);
  };

  tr.changed.forEach((keys, type) => {
    const path = pathOf(type);
    if (path === null) return;
    const [rootType, ...subs] = path;
    const name = rootName(doc, rootType);
    if (name === ORDER) {
      if (subs.length === 0) order = true;
    } else if (name === FOOTNOTES) {
      if (subs.length === 0) keys.forEach((key) => key !== null && footnotes.add(key));
      else footnotes.add(subs[0]!);
    } else if (name === SEGMENTS) {
      if (subs.length === 0) {
        // A segment added, removed or replaced.
        keys.forEach((key) => {
          if (key === null) return;
          segments.add(key);
          addAllVariants(key);
        });
        return;
      }
      const segmentId = subs[0]!;
      if (subs.length === 1) {
        // The segment's own map: kind, level, footnoteId, or its whole text map replaced.
        keys.forEach((key) => {
          if (key === SEGMENT_FIELDS.text) addAllVariants(segmentId);
          else if (key !== null) segments.add(segmentId);
        });
      } else if (subs[1] === SEGMENT_FIELDS.text && subs.length === 2) {
        // The text map: a language's Y.Text created or replaced.
        keys.forEach((key) => key !== null && addVariant(segmentId, key));
      } else if (subs[1] === SEGMENT_FIELDS.text && subs.length === 3 && type instanceof Y.Text) {
        addVariant(segmentId, subs[2]!);
      }
    }
  });
  return { variants: [...variants.values()], segments: [...segments], order, footnotes: [...footnotes] };
}

/** The variants whose text a transaction changed (see chapterChanges). */
export const changedVariants = (tr: Y.Transaction): VariantRef[] => chapterChanges(tr).variants;

/**
 * [root, key, key, …] from a top-level type down to `type`, or null when some step is not a map
 * entry (a type inside an array or text is outside the schema, except the roots themselves).
 */
function pathOf(type: SharedType): [SharedType, ...string[]] | null {
  const keys: string[] = [];
  let current: SharedType = type;
  for (let depth = 0; depth < 8; depth++) {
    const item = current._item;
    if (item === null) return [current, ...keys.reverse()];
    if (item.parentSub === null || !(item.parent instanceof Y.AbstractType)) return null;
    keys.push(item.parentSub);
    current = item.parent;
  }
  return null;
}

/**
 * The name of a top-level type. A root that was still a bare AbstractType when the transaction ran
 * and has been converted since (someone called doc.getMap) is a new object sharing the old one's
 * `_map`, so that is compared too.
 */
function rootName(doc: Y.Doc, type: SharedType): string | null {
  for (const [name, shared] of doc.share) if (shared === type || shared._map === type._map) return name;
  return null;
}

/** `map.get(key)` that also works on a root not yet converted to a Y.Map (Yjs's typeMapGet). */
function mapValue(type: SharedType, key: string): unknown {
  if (type instanceof Y.Map) return type.get(key);
  const item = type._map.get(key);
  return item !== undefined && !item.deleted ? item.content.getContent()[item.length - 1] : undefined;
}
