import { footnoteRefs, isEmptyContent, normalizeContent, plainText, type DocumentKind, type InlineContent, type SegmentKind } from '#libs/content';
import type { Edition, EditionDocument, EditionSegment, VariantState } from './edition.js';
import { BookFormatError } from './errors.js';

/**
 * final: approved text only (the source language as it stands: it is the original, nobody approves
 * it); what is missing is listed. draft: everything there is, and every page says it is a draft.
 */
export type EditionMode = 'final' | 'draft';

export interface PrintOptions {
  /** One language, or two for a bilingual edition (left/first, right/second). */
  languages: string[];
  mode: EditionMode;
  /** With `final`: refuse (EDITION_INCOMPLETE, with the list) instead of leaving gaps. */
  refuseIncomplete?: boolean;
}

export interface MissingText {
  documentId: string;
  documentTitle: string;
  segmentId: string;
  /** Set for a note body. */
  footnoteId?: string;
  language: string;
  /** The beginning of the segment's text in the source (or another) language, to find it by. */
  excerpt: string;
  /** Why it is left out: no variant at all, or the variant's status. */
  status: VariantState | 'untranslated';
}

export interface PrintedNote {
  id: string;
  /** Renumbered per language and chapter: 1, 2, 3 … in order of the first reference. */
  label: string;
  /** One entry per paragraph of the note body. */
  paragraphs: InlineContent[];
  /** False for a body no printed text refers to (printed after the referenced notes, reported). */
  referenced: boolean;
}

export interface PrintedSegment {
  id: string;
  kind: SegmentKind;
  level: number;
  pages: string[];
  /** Per language; empty where the text is missing (see `missing`). */
  text: Record<string, InlineContent>;
  /** The language of the text in a language: a quoted document may be in another one. */
  textLanguage: Record<string, string>;
}

export interface PrintedDocument {
  id: string;
  kind: DocumentKind;
  /** Per language, falling back to the source title. */
  titles: Record<string, string>;
  segments: PrintedSegment[];
  /** Per language: the notes in printed order. */
  notes: Record<string, PrintedNote[]>;
  /** Per language: footnote id → printed label. */
  labels: Record<string, Map<string, string>>;
}

export interface UnreferencedNote {
  documentId: string;
  footnoteId: string;
  language: string;
  label: string;
}

export interface PrintedEdition {
  title: string;
  slug: string;
  sourceLanguage: string;
  languages: string[];
  mode: EditionMode;
  documents: PrintedDocument[];
  missing: MissingText[];
  unreferencedNotes: UnreferencedNote[];
}

/** What a format prints: the text chosen for the mode, with footnotes renumbered per language and chapter. */
export function printEdition(edition: Edition, options: PrintOptions): PrintedEdition {
  if (options.languages.length === 0) throw new BookFormatError('LANGUAGE_REQUIRED', 'at least one language is needed');
  for (const language of options.languages) {
    if (!edition.languages.includes(language)) throw new BookFormatError('LANGUAGE_NOT_IN_EDITION', `"${language}" is not a language of this edition`, { language });
  }
  if (new Set(options.languages).size !== options.languages.length) {
    throw new BookFormatError('LANGUAGES_REPEATED', 'a language is named twice', { languages: options.languages.join(',') });
  }
  const missing: MissingText[] = [];
  const unreferencedNotes: UnreferencedNote[] = [];
  const documents = edition.documents.map((doc) => printDocument(edition, doc, options, missing, unreferencedNotes));
  if (options.mode === 'final' && options.refuseIncomplete && missing.length) {
    throw new BookFormatError('EDITION_INCOMPLETE', `${missing.length} texts are not approved`, { count: missing.length }, missing);
  }
  return {
    title: edition.title,
    slug: edition.slug,
    sourceLanguage: edition.sourceLanguage,
    languages: options.languages,
    mode: options.mode,
    documents,
    missing,
    unreferencedNotes,
  };
}

function printDocument(
  edition: Edition,
  doc: EditionDocument,
  options: PrintOptions,
  missing: MissingText[],
  unreferenced: UnreferencedNote[],
): PrintedDocument {
  const source = doc.titles[edition.sourceLanguage] ?? Object.values(doc.titles)[0] ?? '';
  const titles: Record<string, string> = {};
  for (const language of options.languages) titles[language] = doc.titles[language] || source;

  const choose = (segment: EditionSegment, language: string, footnoteId?: string): InlineContent => {
    const variant = segment.variants[language];
    const hasText = variant !== undefined && !isEmptyContent(variant.content);
    if (hasText && (options.mode === 'draft' || language === edition.sourceLanguage || variant.status === 'approved')) {
      return normalizeContent(variant.content);
    }
    // A segment empty in every language (a blank cell) is not missing text.
    if (Object.values(segment.variants).some((v) => !isEmptyContent(v.content))) {
      missing.push({
        documentId: doc.id,
        documentTitle: source,
        segmentId: segment.id,
        ...(footnoteId ? { footnoteId } : {}),
        language,
        excerpt: excerptOf(segment, edition.sourceLanguage),
        status: hasText ? variant.status : 'untranslated',
      });
    }
    return [];
  };

  const segments: PrintedSegment[] = doc.segments.map((segment) => {
    const text: Record<string, InlineContent> = {};
    const textLanguage: Record<string, string> = {};
    for (const language of options.languages) {
      text[language] = choose(segment, language);
      textLanguage[language] = language === edition.sourceLanguage && segment.language ? segment.language : language;
    }
    return { id: segment.id, kind: segment.kind, level: segment.level ?? 1, pages: segment.pages, text, textLanguage };
  });

  const notes: Record<string, PrintedNote[]> = {};
  const labels: Record<string, Map<string, string>> = {};
  for (const language of options.languages) {
    const bodies = new Map(doc.footnotes.map((f) => [f.id, f.body.map((s) => choose(s, language, f.id))]));
    // Numbering follows the first reference in the printed main text, then in printed note bodies.
    const order: string[] = [];
    const seen = new Set<string>();
    const visit = (content: InlineContent): void => {
      for (const id of footnoteRefs(content)) {
        if (!seen.has(id) && bodies.has(id)) {
          seen.add(id);
          order.push(id);
        }
      }
    };
    for (const s of segments) visit(s.text[language]!);
    for (let i = 0; i < order.length; i++) for (const p of bodies.get(order[i]!)!) visit(p);
    const referencedCount = order.length;
    // Bodies the printed text does not refer to: printed after the referenced ones when they have
    // text; reported when no text of the language refers to them at all (in a final edition a
    // reference may only be left out with the unapproved text around it).
    const anywhere = new Set(
      [...doc.segments, ...doc.footnotes.flatMap((f) => f.body)].flatMap((s) => footnoteRefs(s.variants[language]?.content ?? [])),
    );
    for (const f of doc.footnotes) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      if (!anywhere.has(f.id)) unreferenced.push({ documentId: doc.id, footnoteId: f.id, language, label: String(order.length + 1) });
      if (bodies.get(f.id)!.some((p) => p.length > 0)) order.push(f.id);
    }
    const map = new Map<string, string>();
    notes[language] = order.map((id, i) => {
      const label = String(i + 1);
      map.set(id, label);
      return { id, label, paragraphs: bodies.get(id)!, referenced: i < referencedCount };
    });
    labels[language] = map;
  }
  return { id: doc.id, kind: doc.kind, titles, segments, notes, labels };
}

function excerptOf(segment: EditionSegment, sourceLanguage: string): string {
  const variant = segment.variants[sourceLanguage] ?? Object.values(segment.variants).find((v) => !isEmptyContent(v.content));
  const text = plainText(variant?.content ?? []).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text;
}
