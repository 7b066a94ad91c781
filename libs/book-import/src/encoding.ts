import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { EncodingReport, TextEncoding } from '#libs/contracts';
import { plausibility } from './encoding-score.js';

/**
 * Legacy single-byte encodings of book files, chosen by the language of the result: each candidate
 * decodes the bytes (iconv-lite) and is scored by `plausibility`; chardet's confidence for the same
 * encoding breaks near-ties. The report names the choice, how sure it is (0–1) and the runners-up.
 */
export const LEGACY_ENCODINGS = ['windows-1251', 'koi8-r', 'cp866', 'windows-1252'] as const satisfies readonly TextEncoding[];
export { TEXT_ENCODINGS, isTextEncoding, type TextEncoding } from '#libs/contracts';

const CHARDET_NAMES: Record<string, string> = { 'windows-1251': 'windows-1251', 'KOI8-R': 'koi8-r', 'windows-1252': 'windows-1252', 'ISO-8859-1': 'windows-1252' };

export function decodeAs(bytes: Uint8Array, encoding: TextEncoding): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

export interface LegacyChoice {
  encoding: TextEncoding;
  text: string;
  report: EncodingReport;
}

/** The most plausible legacy encoding of bytes that are not UTF-8, or null when none reads as text. */
export function chooseLegacyEncoding(bytes: Uint8Array): LegacyChoice | null {
  const hints = new Map<string, number>();
  for (const m of chardet.analyse(bytes)) {
    const name = CHARDET_NAMES[m.name];
    if (name && !hints.has(name)) hints.set(name, m.confidence / 100);
  }
  const scored = LEGACY_ENCODINGS.map((encoding) => {
    const text = decodeAs(bytes, encoding);
    const own = plausibility(text).score;
    return { encoding, text, score: Math.round((own * 0.85 + (hints.get(encoding) ?? 0) * 0.15) * 1000) / 1000 };
  }).sort((a, b) => b.score - a.score);
  const [best, second] = scored as [(typeof scored)[0], (typeof scored)[0]];
  if (best.score < 0.5) return null;
  const margin = best.score > 0 ? (best.score - second.score) / best.score : 0;
  const confidence = Math.round(best.score * Math.min(1, 0.5 + margin) * 100) / 100;
  return {
    encoding: best.encoding,
    text: best.text,
    report: { name: best.encoding, chosenBy: 'detection', confidence, candidates: scored.slice(1).map((s) => ({ name: s.encoding, score: s.score })) },
  };
}

/** The score of one encoding's reading (for a user's choice, shown beside it). */
export const readingScore = (text: string): number => plausibility(text).score;
