import { memo } from 'react';
import type { SegmentView } from '#libs/contracts';
import type { RenderFootnoteRef } from './inline-content.js';
import { VariantCell } from './variant-cell.js';

/** One segment across the visible languages: a row, so translations line up with their source. */
export const SegmentRow = memo(function SegmentRow({
  segment,
  columns,
  sourceLanguage,
  renderRef,
}: {
  segment: SegmentView;
  columns: string[];
  sourceLanguage: string;
  renderRef: (language: string) => RenderFootnoteRef;
}) {
  return (
    <div
      role="row"
      className={`reader__row reader__row--${segment.kind}`}
      data-testid="segment-row"
      data-segment-id={segment.id}
      data-kind={segment.kind}
    >
      {columns.map((language) => (
        <VariantCell
          key={language}
          segment={segment}
          language={language}
          isSource={language === sourceLanguage}
          sourceLanguage={sourceLanguage}
          renderRef={renderRef}
        />
      ))}
    </div>
  );
});
