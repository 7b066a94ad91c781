import { type AlignOptions, alignDocument, alignUnits, type AlignUnit, type BeadShape, FOOTNOTE_MARK } from '#libs/alignment';
import { type InlineContent, type InlineNode, normalizeContent, plainText } from '#libs/content';
import type { AlignmentProposal, ProposalBead, ProposalDocument, ProposalNote, ProposalOperation } from '#libs/contracts';

export type { AlignmentProposal, ProposalBead, ProposalDocument, ProposalNote, ProposalOperation } from '#libs/contracts';

/**
 * An alignment proposal: a translation that does not match the edition segment for segment, cut to
 * the edition's segmentation. Pure: built from values, changed by the reviewer's operations, and
 * turned into one content per edition segment when the user confirms. Nothing here touches the
 * database.
 */

/** The edition side, as stored. */
export interface EditionDocument {
  id: string;
  title: string;
  segments: { id: string; kind: string; content: InlineContent }[];
  footnotes: { id: string; body: { id: string; content: InlineContent }[] }[];
}

/** The translation side, as parsed by the book importer. */
export interface TranslationDocument {
  title: string;
  segments: { kind: string; content: InlineContent }[];
  footnotes: { id: string; label: string; body: { content: InlineContent }[] }[];
}

/** The aligner's text of a content: its plain text with one FOOTNOTE_MARK per reference. */
export function alignerText(content: InlineContent): string {
  return content.map((n) => (n.type === 'text' ? n.text : FOOTNOTE_MARK)).join('');
}

/** The part of a content between two offsets of its aligner text, trimmed at the edges. */
export function sliceContent(content: InlineContent, start: number, end: number): InlineContent {
  const out: InlineContent = [];
  let at = 0;
  for (const node of content) {
    const length = node.type === 'text' ? node.text.length : 1;
    const from = Math.max(start, at);
    const to = Math.min(end, at + length);
    if (from < to) out.push(node.type === 'text' ? { ...node, text: node.text.slice(from - at, to - at) } : node);
    at += length;
  }
  return trimContent(out);
}

function trimContent(content: InlineContent): InlineContent {
  const out = normalizeContent(content);
  const first = out[0];
  if (first?.type === 'text') out[0] = { ...first, text: first.text.trimStart() };
  const last = out[out.length - 1];
  if (last?.type === 'text') out[out.length - 1] = { ...last, text: last.text.trimEnd() };
  return normalizeContent(out);
}

/** Contents joined with a space between them. */
export function joinContents(parts: readonly InlineContent[]): InlineContent {
  const out: InlineContent = [];
  parts.forEach((p, i) => {
    if (i > 0 && p.length) out.push({ type: 'text', text: ' ' });
    out.push(...p);
  });
  return normalizeContent(out);
}

const DOCUMENT_SHAPES: readonly BeadShape[] = [
  { source: 1, target: 1, prior: 0.9 },
  { source: 1, target: 0, prior: 0.05 },
  { source: 0, target: 1, prior: 0.05 },
];

const unit = (content: InlineContent, heading: boolean): AlignUnit => ({ text: alignerText(content), heading });

/** Aligns a parsed translation with the stored edition and proposes the edition-shaped result. */
export function buildProposal(
  edition: readonly EditionDocument[],
  translation: readonly TranslationDocument[],
  options: AlignOptions,
  progress: (done: number, total: number) => void = () => undefined,
): AlignmentProposal {
  // Documents first: by their whole text (lengths, numbers, names), 1:1 or left over.
  const docText = (title: string, segments: { content: InlineContent }[]) => ({ text: [title, ...segments.map((s) => plainText(s.content))].join('\n') });
  const documentBeads = alignUnits(
    edition.map((d) => docText(d.title, d.segments)),
    translation.map((d) => docText(d.title, d.segments)),
    options,
    DOCUMENT_SHAPES,
  );
  const documents: ProposalDocument[] = [];
  const unmatchedDocuments: string[] = [];
  let done = 0;
  for (const bead of documentBeads) {
    if (bead.source.length !== 1 || bead.target.length !== 1) {
      for (const t of bead.target) unmatchedDocuments.push(translation[t]!.title);
      continue;
    }
    documents.push(proposeDocument(edition[bead.source[0]!]!, translation[bead.target[0]!]!, options));
    progress(++done, edition.length);
  }
  return { language: options.to, documents, unmatchedDocuments };
}

function proposeDocument(edition: EditionDocument, translation: TranslationDocument, options: AlignOptions): ProposalDocument {
  // Notes by the order of their references and their text, not by label (labels are renumbered).
  const noteBeads = alignUnits(
    edition.footnotes.map((f) => ({ text: f.body.map((b) => alignerText(b.content)).join(' ') })),
    translation.footnotes.map((f) => ({ text: f.body.map((b) => alignerText(b.content)).join(' ') })),
    { ...options, learnWords: false },
  );
  const noteIds = new Map<string, string>();
  const notes: ProposalNote[] = [];
  const unmatchedNotes: string[] = [];
  for (const b of noteBeads) {
    if (b.source.length !== 1 || !b.target.length) {
      for (const t of b.target) unmatchedNotes.push(translation.footnotes[t]!.label);
      continue;
    }
    const target = b.target.map((t) => translation.footnotes[t]!);
    const ours = edition.footnotes[b.source[0]!]!;
    for (const t of target) noteIds.set(t.id, ours.id);
    notes.push({ footnoteId: ours.id, label: target[0]!.label, body: [], confidence: b.confidence });
  }
  const repoint = (content: InlineContent): InlineContent =>
    normalizeContent(
      content.flatMap((n): InlineNode[] => {
        if (n.type !== 'footnoteRef') return [n];
        const id = noteIds.get(n.footnoteId);
        return id ? [{ type: 'footnoteRef', footnoteId: id }] : [];
      }),
    );
  // Note bodies: paragraph for paragraph; what the translation has more goes into the last one.
  for (const note of notes) {
    const ours = edition.footnotes.find((f) => f.id === note.footnoteId)!;
    const theirs = translation.footnotes.filter((f) => noteIds.get(f.id) === note.footnoteId).flatMap((f) => f.body.map((b) => repoint(b.content)));
    note.body = ours.body.map((segment, i) => ({
      segmentId: segment.id,
      content: i < ours.body.length - 1 ? (theirs[i] ?? []) : joinContents(theirs.slice(i)),
    }));
  }

  const source = edition.segments.map((s) => unit(s.content, s.kind === 'heading'));
  const target = translation.segments.map((s) => unit(s.content, s.kind === 'heading'));
  const aligned = alignDocument(source, target, options);
  const beads: ProposalBead[] = aligned.sentences.map((b) => ({
    source: b.source.map((r) => ({
      segmentId: edition.segments[r.paragraph]!.id,
      sentence: r.sentence,
      text: aligned.sourceSentences[r.paragraph]![r.sentence]!.text.replaceAll(FOOTNOTE_MARK, ''),
    })),
    target: b.target.map((r) => {
      const s = aligned.targetSentences[r.paragraph]![r.sentence]!;
      const content = repoint(sliceContent(translation.segments[r.paragraph]!.content, s.start, s.end));
      return { text: plainText(content), content };
    }),
    confidence: Math.round(b.confidence * 1000) / 1000,
    reviewed: false,
  }));
  return { documentId: edition.id, title: edition.title, translationTitle: translation.title, beads, notes, unmatchedNotes };
}

/** Applies one operation; returns false (and changes nothing) when it does not apply to that bead. */
export function applyOperation(doc: ProposalDocument, operation: ProposalOperation): boolean {
  const beads = doc.beads;
  const b = beads[operation.bead];
  if (!b) return false;
  const done = (...touched: ProposalBead[]) => {
    for (const t of touched) {
      t.reviewed = true;
      t.confidence = 1;
    }
    doc.beads = beads.filter((x) => x.source.length || x.target.length);
    return true;
  };
  switch (operation.op) {
    case 'accept':
      return done(b);
    case 'shiftUp': {
      const prev = beads[operation.bead - 1];
      if (!prev?.target.length) return false;
      b.target.unshift(prev.target.pop()!);
      return done(prev, b);
    }
    case 'shiftDown': {
      const prev = beads[operation.bead - 1];
      if (!prev || !b.target.length) return false;
      prev.target.push(b.target.shift()!);
      return done(prev, b);
    }
    case 'merge': {
      const next = beads[operation.bead + 1];
      if (!next) return false;
      b.source.push(...next.source);
      b.target.push(...next.target);
      beads.splice(operation.bead + 1, 1);
      return done(b);
    }
    case 'split': {
      const { source, target } = operation;
      if (!Number.isInteger(source) || !Number.isInteger(target) || source < 0 || target < 0 || source > b.source.length || target > b.target.length) return false;
      const first: ProposalBead = { source: b.source.slice(0, source), target: b.target.slice(0, target), confidence: 1, reviewed: true };
      const second: ProposalBead = { source: b.source.slice(source), target: b.target.slice(target), confidence: 1, reviewed: true };
      if (!(first.source.length || first.target.length) || !(second.source.length || second.target.length)) return false;
      beads.splice(operation.bead, 1, first, second);
      return done(first, second);
    }
  }
}

/**
 * The edition's segmentation wins: each bead's translation goes to the segment of its first source
 * sentence (joined with a space when several beads share a segment); a bead with no source sentence
 * joins the segment before it (or, at the start, the one after), so nothing of the translation is lost.
 */
export function segmentContents(doc: ProposalDocument): Map<string, InlineContent> {
  const parts = new Map<string, InlineContent[]>();
  let owner: string | null = null;
  const orphans: InlineContent[] = [];
  for (const b of doc.beads) {
    if (b.source.length) owner = b.source[0]!.segmentId;
    const contents = b.target.map((t) => t.content);
    if (!owner) {
      orphans.push(...contents);
      continue;
    }
    const list = parts.get(owner) ?? [];
    if (orphans.length) list.push(...orphans.splice(0));
    list.push(...contents);
    parts.set(owner, list);
  }
  return new Map([...parts].map(([id, list]) => [id, joinContents(list)] as const).filter(([, c]) => c.length > 0));
}
