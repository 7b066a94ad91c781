import type { SegmentView, VariantView } from '#libs/contracts';
import type { Segment } from './segment.entity.js';
import type { Variant } from './variant.entity.js';

export const toVariantView = (v: Variant): VariantView => ({
  language: v.language,
  content: v.content,
  plainText: v.plainText,
  status: v.status,
  revision: v.revision,
  contentHash: v.contentHash,
  updatedBy: v.updatedBy,
  updatedAt: v.updatedAt.toISOString(),
  approvedBy: v.approvedBy,
  approvedAt: v.approvedAt?.toISOString() ?? null,
});

export function toSegmentView(s: Segment, variants: Variant[]): SegmentView {
  return {
    id: s.id,
    documentId: s.documentId,
    footnoteId: s.footnoteId,
    position: s.position,
    kind: s.kind,
    level: s.level,
    language: s.language,
    pages: s.pages,
    variants: Object.fromEntries(variants.map((v) => [v.language, toVariantView(v)])),
  };
}

/** Groups variants by segment id. */
export function variantsBySegment(variants: Variant[]): Map<string, Variant[]> {
  const map = new Map<string, Variant[]>();
  for (const v of variants) {
    const list = map.get(v.segmentId);
    if (list) list.push(v);
    else map.set(v.segmentId, [v]);
  }
  return map;
}
