import type { TextContext } from '#libs/transliteration';
import type { TermIndex } from './term-index.js';
import { editDistance, formKey, isCyrillic, tokenize } from './text.js';
import type { FormStatus } from './types.js';

export interface ReportSegment {
  segmentId: string;
  documentId: string;
  text: string;
  context: TextContext;
}

export interface FormLocation {
  segmentId: string;
  documentId: string;
  start: number;
  end: number;
  context: TextContext;
}

export interface ClusterForm {
  form: string;
  count: number;
  locations: FormLocation[];
  /** What the glossary says about this form (absent: the glossary does not know it). */
  status?: FormStatus;
  /** How the form joined its cluster: it is the most frequent (`main`), the same name in another transliteration, one edit away (a likely misspelling), or a form of the same glossary entry. */
  relation: 'main' | 'transliteration' | 'spelling' | 'glossary';
}

export interface Cluster {
  /** The form written most often. */
  main: string;
  total: number;
  forms: ClusterForm[];
  /** The glossary entry the cluster belongs to, if any. */
  entryId?: string;
  /** The entry's preferred form in this language, if any. */
  preferred?: string;
}

export interface ReportOptions {
  index?: TermIndex;
  /** Leave out names written in one way only (default: true, the report is about inconsistency). */
  variantsOnly?: boolean;
}

/**
 * A comparison key that forgets how Russian was transliterated: signs, diacritics, y/i/j, -sky/-skii,
 * doubled letters, iotated initials (Yeltsin/Eltsin), ks/x, kh/h, tz/ts.
 */
export function transliterationKey(form: string): string {
  let k = formKey(form).normalize('NFD').replace(/\p{M}/gu, '');
  k = k.replace(/[’”"](?=[aeiouy])/g, 'y').replace(/[’”"]/g, '');
  k = k.replace(/(sky|skii|skiy|skij|ski)$/, 'ski').replace(/kh/g, 'h').replace(/ks/g, 'x').replace(/tz/g, 'ts');
  k = k.replace(/[yj]/g, 'i').replace(/i+/g, 'i').replace(/([^aeiou])\1+/g, '$1');
  k = k.replace(/^i(?=[aeou])/, '');
  return k;
}

/** Endings that make another word (a feminine, a plural, an adjective), never a spelling variant. */
const WORD_FORMING = /^(a|s|n|y|i|o|h|k|an|ian|ist|ists|ism|ite|ites|ov|ova|sk|ia|ic|ese|ans)$/;

const PATRONYMIC = /(ovna|evna|ovich|evich|ich|ichna)$/;

/** One edit that looks like a slip of the pen or of the scanner, not another word. */
function likelyMisspelling(a: string, b: string): boolean {
  const [x, y] = a.length <= b.length ? [a, b] : [b, a];
  if (x.length < 5 || x[0] !== y[0]) return false;
  if (y.startsWith(x) && WORD_FORMING.test(y.slice(x.length))) return false;
  if (PATRONYMIC.test(x) !== PATRONYMIC.test(y)) return false; // Ulyanova is not Yulianovna
  if (editDistance(x, y, 1) !== 1) return false;
  if (x.length === y.length) {
    // a substitution: only between letters that transliterations or typists confuse
    let i = 0;
    while (x[i] === y[i]) i++;
    const pair = [x[i], y[i]].sort().join('');
    const swapped = x[i] === y[i + 1] && x[i + 1] === y[i];
    return swapped || ['ck', 'sz', 'fv', 'iy', 'ei', 'ey', 'ij', 'jy', 'kq', 'ao', 'uv'].includes(pair);
  }
  return true;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/**
 * Every name of an edition in one language, with each way it is written, how often and where: forms
 * cluster when they are the same name in another transliteration (Trotsky / Trotskii), one likely slip
 * apart (Tomsky / Tomsy / Tomskey), or forms of one glossary entry; forms of two entries never join.
 * Names are capitalised words that the text never writes in lower case; English possessives and German
 * genitives count for their name.
 */
export function consistencyReport(segments: readonly ReportSegment[], language: string, options: ReportOptions = {}): Cluster[] {
  const lowerWords = new Set<string>();
  const occurrences = new Map<string, FormLocation[]>();
  const english = language.startsWith('en');
  const german = language.startsWith('de');
  const russian = language.startsWith('ru');
  for (const seg of segments) {
    for (const t of tokenize(seg.text)) {
      if (!/^\p{Lu}/u.test(t.text)) {
        lowerWords.add(formKey(t.text));
        continue;
      }
      if (!/\p{Ll}/u.test(t.text)) continue; // abbreviations and headings in capitals are not renderings to compare
      if (!russian && isCyrillic(t.text)) continue; // a quoted Russian word is not a rendering
      let form = t.text.replace(/['ʹ]/g, '’');
      let end = t.end;
      if (english && /’s$/.test(form)) {
        form = form.slice(0, -2);
        end -= 2;
      }
      form = form.replace(/’+$/, '');
      const list = occurrences.get(form);
      const loc: FormLocation = { segmentId: seg.segmentId, documentId: seg.documentId, start: t.start, end, context: seg.context };
      if (list) list.push(loc);
      else occurrences.set(form, [loc]);
    }
  }
  if (german) {
    // Bucharins counts for Bucharin when both are written.
    for (const form of [...occurrences.keys()]) {
      const base = form.slice(0, -1);
      if (form.endsWith('s') && occurrences.has(base)) {
        occurrences.get(base)!.push(...occurrences.get(form)!);
        occurrences.delete(form);
      }
    }
  }
  const names = [...occurrences.keys()].filter((f) => !lowerWords.has(formKey(f)) && f.length > 1);

  // What the glossary says about each form, and which entry it belongs to.
  const entryOf = new Map<string, { entryId: string; status: FormStatus }>();
  if (options.index) {
    for (const form of names) {
      const m = options.index.find(form, language)[0];
      if (m && m.entryIds.length === 1 && m.start === 0 && m.end === form.length && m.status !== 'lemma') {
        entryOf.set(form, { entryId: m.entryIds[0]!, status: m.status });
      }
    }
  }

  const uf = new UnionFind();
  const relation = new Map<string, ClusterForm['relation']>();
  const joinable = (a: string, b: string): boolean => {
    const ea = entryOf.get(a)?.entryId;
    const eb = entryOf.get(b)?.entryId;
    return !ea || !eb || ea === eb;
  };
  const byKey = new Map<string, string[]>();
  for (const form of names) {
    const k = transliterationKey(form);
    byKey.set(k, [...(byKey.get(k) ?? []), form]);
  }
  for (const group of byKey.values()) {
    for (const other of group.slice(1)) {
      if (joinable(group[0]!, other)) {
        uf.union(group[0]!, other);
        relation.set(other, 'transliteration');
      }
    }
  }
  // One slip apart: compare keys of similar length that share their first two letters.
  const keys = [...byKey.keys()];
  const buckets = new Map<string, string[]>();
  for (const k of keys) {
    const b = k.slice(0, 1);
    buckets.set(b, [...(buckets.get(b) ?? []), k]);
  }
  for (const bucket of buckets.values()) {
    bucket.sort((a, b) => a.length - b.length);
    for (let i = 0; i < bucket.length; i++) {
      for (let j = i + 1; j < bucket.length && bucket[j]!.length - bucket[i]!.length <= 1; j++) {
        const a = bucket[i]!;
        const b = bucket[j]!;
        if (!likelyMisspelling(a, b)) continue;
        const fa = byKey.get(a)![0]!;
        const fb = byKey.get(b)![0]!;
        if (!joinable(fa, fb)) continue;
        const [rare] = occurrences.get(fa)!.length <= occurrences.get(fb)!.length ? [fa, fb] : [fb, fa];
        uf.union(fa, fb);
        for (const f of byKey.get(rare === fa ? a : b)!) if (!relation.has(f) || f === rare) relation.set(f, 'spelling');
      }
    }
  }
  // Forms of one entry belong together even when they look nothing alike (Barmine / Barmin).
  const firstOfEntry = new Map<string, string>();
  for (const [form, { entryId }] of entryOf) {
    const first = firstOfEntry.get(entryId);
    if (!first) firstOfEntry.set(entryId, form);
    else {
      uf.union(first, form);
      if (!relation.has(form)) relation.set(form, 'glossary');
    }
  }

  const groups = new Map<string, string[]>();
  for (const form of names) {
    const root = uf.find(form);
    groups.set(root, [...(groups.get(root) ?? []), form]);
  }
  const clusters: Cluster[] = [];
  for (const forms of groups.values()) {
    if (options.variantsOnly !== false && forms.length < 2) continue;
    const rows: ClusterForm[] = forms
      .map((form) => {
        const locations = occurrences.get(form)!;
        const row: ClusterForm = { form, count: locations.length, locations, relation: relation.get(form) ?? 'transliteration' };
        const known = entryOf.get(form);
        if (known) row.status = known.status;
        return row;
      })
      .sort((a, b) => b.count - a.count || a.form.localeCompare(b.form));
    rows[0]!.relation = 'main';
    const entryId = forms.map((f) => entryOf.get(f)?.entryId).find(Boolean);
    const cluster: Cluster = { main: rows[0]!.form, total: rows.reduce((n, r) => n + r.count, 0), forms: rows };
    if (entryId) {
      cluster.entryId = entryId;
      const preferred = options.index?.term(entryId)?.forms[language]?.find((f) => f.status === 'preferred')?.form;
      if (preferred) cluster.preferred = preferred;
    }
    clusters.push(cluster);
  }
  return clusters.sort((a, b) => b.total - a.total || a.main.localeCompare(b.main));
}
