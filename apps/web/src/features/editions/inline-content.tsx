import { Fragment, type ReactNode } from 'react';
import type { InlineContent } from '#libs/content';

/** How a footnote reference is shown: the caller knows the labels and where the notes are. */
export type RenderFootnoteRef = (footnoteId: string, occurrence: number) => ReactNode;

/**
 * Inline content as React nodes: text runs with their marks, footnote references atomic. Read-only;
 * the collaborative editor will render the same content model from its Yjs text instead.
 */
export function InlineText({ content, renderRef }: { content: InlineContent; renderRef: RenderFootnoteRef }) {
  let refs = 0;
  return (
    <>
      {content.map((node, index) => {
        if (node.type === 'footnoteRef') return <Fragment key={index}>{renderRef(node.footnoteId, refs++)}</Fragment>;
        let out: ReactNode = node.text;
        if (node.marks?.includes('italic')) out = <em>{out}</em>;
        if (node.marks?.includes('bold')) out = <strong>{out}</strong>;
        return <Fragment key={index}>{out}</Fragment>;
      })}
    </>
  );
}
