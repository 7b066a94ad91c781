import { memo, type ReactNode } from 'react';
import type { SegmentView } from '#libs/contracts';
import type { RenderFootnoteRef } from './inline-content.js';
import { VariantCell } from './variant-cell.js';

/** One segment across the visible languages: a row, so translations line up with their source. */
export const SegmentRow = memo(function SegmentRow({
  segment,
  columns,
  sourceLanguage,
  renderRef,
  selected = false,
  onSelect,
  decorate,
}: {
  segment: SegmentView;
  columns: string[];
  sourceLanguage: string;
  renderRef: (language: string) => RenderFootnoteRef;
  /** The review's selection (features/review): a click selects the row. */
  selected?: boolean;
  onSelect?(segmentId: string): void;
  /** Extra marks in a language's cell (review flags). */
  decorate?: (language: string) => ReactNode;
}) {
  return (
    <div
      role="row"
      className={`reader__row reader__row--${segment.kind}${selected ? ' reader__row--selected' : ''}`}
      data-testid="segment-row"
      data-segment-id={segment.id}
      data-kind={segment.kind}
      aria-selected={onSelect ? selected : undefined}
      onClick={onSelect ? () => onSelect(segment.id) : undefined}
    >
      {columns.map((language) => (
        <VariantCell
          key={language}
          segment={segment}
          language={language}
          isSource={language === sourceLanguage}
          sourceLanguage={sourceLanguage}
          renderRef={renderRef}
          extra={decorate?.(language)}
        />
      ))}
    </div>
  );
});
