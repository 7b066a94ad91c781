export * from './schema.js';
export * from './chapter-doc.errors.js';
export { type Delta, type DeltaInsert, type TextAttributes, contentToDelta, deltaToContent } from './inline-delta.js';
export { readContent, writeContent } from './text-content.js';
export { type ContentDiffStats, applyContentDiff } from './content-diff.js';
export { mergeContent } from './text-merge.js';
export {
  type BuildChapterOptions,
  type FillChapterOptions,
  buildChapterDoc,
  fillChapterDoc,
  readChapterDoc,
  readVariant,
  variantText,
} from './chapter-doc.js';
export { type ChapterChanges, type VariantRef, chapterChanges, changedVariants } from './chapter-changes.js';
export {
  type EditOptions,
  type NewSegment,
  addLanguageTexts,
  insertSegment,
  moveSegment,
  removeFootnote,
  removeSegment,
  segmentsMissingTexts,
  setFootnoteLabel,
  setSegmentKind,
  setVariantContent,
  upsertFootnote,
} from './chapter-edits.js';
