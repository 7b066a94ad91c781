import type { WordDiffPart } from '#libs/contracts';

/** A word diff inline: removed words struck through, added ones marked. */
export function DiffView({ parts, lang }: { parts: WordDiffPart[]; lang: string }) {
  return (
    <p className="diff" lang={lang} data-testid="word-diff">
      {parts.map((part, i) =>
        part.op === '=' ? (
          <span key={i}>{part.text}</span>
        ) : part.op === '+' ? (
          <ins key={i} className="diff__added">
            {part.text}
          </ins>
        ) : (
          <del key={i} className="diff__removed">
            {part.text}
          </del>
        ),
      )}
    </p>
  );
}
