import type { TextContext } from '#libs/transliteration';
import type { TermIndex } from './term-index.js';
import { editDistance, formKey, matchCase, tokenize } from './text.js';
import { DEFAULT_SEVERITIES, type EntryForm, type Finding, type FindingKind, type SeverityPolicy, type TermMatch } from './types.js';

export interface VariantToCheck {
  sourceText: string;
  sourceLanguage: string;
  targetText: string;
  targetLanguage: string;
  /** Main text, footnote or bibliography: decides which allowed forms are allowed here. */
  context: TextContext;
}

const preferredOf = (forms: readonly EntryForm[] | undefined): string | undefined => forms?.find((f) => f.status === 'preferred')?.form;

/** A fix that keeps the ending the text gave the wrong form ("Zinov’ev’s" → "Zinoviev’s"). */
function replacing(match: TermMatch, targetText: string, expected: string): Finding['fix'] {
  const found = targetText.slice(match.start, match.end);
  const suffix = match.suffix && formKey(found).endsWith(match.suffix) ? found.slice(found.length - match.suffix.length) : '';
  return { start: match.start, end: match.end, replacement: matchCase(expected, found) + suffix };
}

/**
 * The glossary's findings on one variant: for every term of the source segment, whether the target
 * uses its expected form; forbidden forms anywhere in the target; forms allowed only in another context
 * (a soft sign); near-misses of an expected form ("Tomsy" for Tomsky). Each finding has a severity from
 * the edition's policy, a position in the target text and, where the fix is clear, a replacement.
 */
export function checkVariant(index: TermIndex, variant: VariantToCheck, severities: SeverityPolicy = DEFAULT_SEVERITIES): Finding[] {
  const { targetText, targetLanguage, context } = variant;
  const inSource = index.find(variant.sourceText, variant.sourceLanguage);
  const inTarget = index.find(targetText, targetLanguage);
  const findings: Finding[] = [];
  const severity = (kind: FindingKind) => severities[kind];
  const covered = new Set<string>();

  for (const m of inTarget) {
    const unambiguous = m.entryIds.length === 1;
    const entryId = m.entryIds[0]!;
    const expected = preferredOf(index.term(entryId)?.forms[targetLanguage]);
    if (m.status === 'preferred' || (m.status === 'allowed' && (!m.contexts || m.contexts.includes(context)))) {
      for (const id of m.entryIds) covered.add(id);
      continue;
    }
    if (!unambiguous || !expected) continue;
    covered.add(entryId);
    const found = targetText.slice(m.start, m.end);
    if (m.status === 'forbidden') {
      findings.push({ kind: 'forbidden-form', severity: severity('forbidden-form'), entryId, expected, found, start: m.start, end: m.end, fix: replacing(m, targetText, expected) });
    } else if (m.status === 'allowed') {
      findings.push({
        kind: 'context-only-form',
        severity: severity('context-only-form'),
        entryId,
        expected,
        found,
        start: m.start,
        end: m.end,
        fix: replacing(m, targetText, expected),
        allowedIn: m.contexts ?? [],
      });
    }
  }

  let targetTokens: ReturnType<typeof tokenize> | undefined;
  const seen = new Set<string>();
  for (const s of inSource) {
    if (s.entryIds.length !== 1) continue;
    const entryId = s.entryIds[0]!;
    if (covered.has(entryId) || seen.has(entryId)) continue;
    seen.add(entryId);
    const expected = preferredOf(index.term(entryId)?.forms[targetLanguage]);
    if (!expected) continue;
    const near = nearMiss(expected, (targetTokens ??= tokenize(targetText)), targetLanguage);
    if (near) {
      findings.push({
        kind: 'variant-form',
        severity: severity('variant-form'),
        entryId,
        expected,
        found: near.text,
        start: near.start,
        end: near.end,
        sourceStart: s.start,
        sourceEnd: s.end,
        fix: { start: near.start, end: near.start + near.stem.length, replacement: matchCase(expected, near.text) },
      });
    } else {
      findings.push({ kind: 'missing-term', severity: severity('missing-term'), entryId, expected, sourceStart: s.start, sourceEnd: s.end });
    }
  }
  return findings.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || (a.sourceStart ?? 0) - (b.sourceStart ?? 0));
}

/**
 * A word of the target that is a misspelling of a one-word expected form: same first letter, one edit
 * away (two for long names), after a possessive or genitive ending is set aside.
 */
function nearMiss(expected: string, tokens: { text: string; start: number; end: number }[], language: string): { text: string; stem: string; start: number; end: number } | undefined {
  if (/\s/.test(expected.trim())) return undefined;
  const want = formKey(expected);
  const limit = want.length >= 8 ? 2 : 1;
  for (const t of tokens) {
    const key = formKey(t.text);
    const stems = [key];
    if (language.startsWith('en') && key.endsWith('’s')) stems.push(key.slice(0, -2));
    if (language.startsWith('de') && key.endsWith('s')) stems.push(key.slice(0, -1));
    for (const stem of stems) {
      if (stem[0] !== want[0] || stem === want || stem.length < 4) continue;
      if (want.startsWith(stem) || stem.startsWith(want)) continue; // Tomsk, Kalinina: other words, not misspellings
      if (editDistance(stem, want, limit) <= limit) return { text: t.text, stem: t.text.slice(0, stem.length), start: t.start, end: t.end };
    }
  }
  return undefined;
}
