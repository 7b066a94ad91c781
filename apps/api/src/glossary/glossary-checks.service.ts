import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConsistencyReportView, EntryForm, EntryKind, GlossaryCheckView, GlossaryEntryView, GlossarySuggestionView } from '#libs/contracts';
import { checkVariant, consistencyReport, editDistance, formKey, russianParadigm, TermIndex, tokenize, type ReportSegment } from '#libs/glossary';
import { transliterate, type TextContext } from '#libs/transliteration';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import type { Project } from '../projects/project.entity.js';
import { EditionConventionsService, renderedLanguages, type EditionScheme } from './edition-conventions.service.js';
import { GlossaryService } from './glossary.service.js';
import { toTerm } from './glossary-views.js';

export interface CompiledGlossary {
  stamp: string;
  index: TermIndex;
  schemes: Map<string, EditionScheme>;
}

export interface CheckInput {
  language: string;
  text: string;
  segmentId?: string;
  sourceText?: string;
  context?: TextContext;
}

/** Places listed per form in the report (the count is always complete). */
const MAX_LOCATIONS = 200;
const CYRILLIC_NAME = /^\p{Lu}[\p{Ll}\p{Lu}-]*$/u;

/**
 * The glossary applied to text: live checks of one text, the consistency report of an edition and
 * language, suggestions for Cyrillic names the glossary lacks. The compiled index of an edition's
 * glossaries is kept per process and rebuilt when their fingerprint (entries, links, conventions) changes.
 */
@Injectable()
export class GlossaryChecksService {
  private readonly compiled = new Map<string, CompiledGlossary>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly glossary: GlossaryService,
    private readonly conventions: EditionConventionsService,
  ) {}

  /** The edition's compiled glossary; `m` reads inside a caller's transaction (one connection on the embedded database). */
  async compiledFor(project: Project, m: EntityManager = this.db.manager): Promise<CompiledGlossary> {
    const stamp = `${await this.glossary.stamp(project, m)}|${project.languages.join(',')}`;
    const cached = this.compiled.get(project.id);
    if (cached?.stamp === stamp) return cached;
    const schemes = await this.conventions.schemes(project.id, renderedLanguages(project), m);
    const entries = await this.glossary.linkedEntries(m, project.id);
    const index = new TermIndex(entries.map(toTerm), {
      sourceLanguage: 'ru',
      schemes: Object.fromEntries([...schemes].map(([language, s]) => [language, s.scheme])),
    });
    const next = { stamp, index, schemes };
    this.compiled.set(project.id, next);
    return next;
  }

  private assertLanguage(project: Project, language: string): void {
    if (!project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
  }

  /**
   * Findings of a text as the editor has it now (not yet saved): against its segment's source text when
   * a segment is named (its context is the segment's: a note body is a footnote), else against `sourceText`.
   */
  async check(access: ProjectAccess, input: CheckInput): Promise<GlossaryCheckView> {
    const started = performance.now();
    const project = access.project;
    this.assertLanguage(project, input.language);
    let sourceText = input.sourceText ?? '';
    let sourceLanguage = project.sourceLanguage;
    let context: TextContext = input.context ?? 'main';
    if (input.segmentId) {
      const [row] = await this.db.query(
        `SELECT s.footnote_id, coalesce(s.language, p.source_language) AS source_language, v.plain_text
           FROM segments s JOIN documents d ON d.id = s.document_id JOIN projects p ON p.id = d.project_id
           LEFT JOIN variants v ON v.segment_id = s.id AND v.language = p.source_language
          WHERE s.id = $1 AND d.project_id = $2`,
        [input.segmentId, project.id],
      );
      if (!row) throw new DomainError('SEGMENT_NOT_FOUND', { segment: input.segmentId });
      sourceText = row.plain_text ?? '';
      sourceLanguage = row.source_language;
      if (!input.context && row.footnote_id) context = 'footnote';
    }
    const { index, schemes } = await this.compiledFor(project);
    const severities = schemes.get(input.language)?.severities;
    const findings = checkVariant(index, { sourceText, sourceLanguage, targetText: input.text, targetLanguage: input.language, context }, severities);
    return { language: input.language, context, findings, tookMs: Math.round((performance.now() - started) * 10) / 10 };
  }

  /** The text of every segment of the edition in one language, with where it is and in which context. */
  private async segmentsIn(project: Project, language: string): Promise<{ segments: ReportSegment[]; titles: Map<string, string> }> {
    const rows: { segment_id: string; document_id: string; plain_text: string; footnote_id: string | null }[] = await this.db.query(
      `SELECT v.segment_id, s.document_id, v.plain_text, s.footnote_id
         FROM variants v JOIN segments s ON s.id = v.segment_id JOIN documents d ON d.id = s.document_id
        WHERE d.project_id = $1 AND v.language = $2 AND v.plain_text <> ''
          AND (coalesce(s.language, $3) = $2 OR $2 <> $3)
        ORDER BY d.position, s.footnote_id NULLS FIRST, s.position`,
      [project.id, language, project.sourceLanguage],
    );
    const docs: { id: string; titles: Record<string, string> }[] = await this.db.query(`SELECT id, titles FROM documents WHERE project_id = $1`, [project.id]);
    const titles = new Map(docs.map((d) => [d.id, d.titles[language] ?? d.titles[project.sourceLanguage] ?? Object.values(d.titles)[0] ?? '']));
    return {
      segments: rows.map((r) => ({ segmentId: r.segment_id, documentId: r.document_id, text: r.plain_text, context: r.footnote_id ? 'footnote' : 'main' })),
      titles,
    };
  }

  async report(access: ProjectAccess, language: string, variantsOnly = true): Promise<ConsistencyReportView> {
    const started = performance.now();
    this.assertLanguage(access.project, language);
    const [{ segments, titles }, { index }] = await Promise.all([this.segmentsIn(access.project, language), this.compiledFor(access.project)]);
    const clusters = consistencyReport(segments, language, { index, variantsOnly });
    const textOf = new Map(segments.map((s) => [s.segmentId, s.text]));
    const excerpt = (segmentId: string, start: number, end: number): string => {
      const text = textOf.get(segmentId) ?? '';
      const from = Math.max(0, text.lastIndexOf(' ', Math.max(0, start - 50)) + 1);
      const to = text.indexOf(' ', Math.min(text.length, end + 50));
      return `${from > 0 ? '…' : ''}${text.slice(from, to < 0 ? text.length : to)}${to >= 0 ? '…' : ''}`;
    };
    return {
      language,
      segments: segments.length,
      clusters: clusters.map((c) => ({
        ...c,
        forms: c.forms.map((f) => ({ ...f, locations: f.locations.slice(0, MAX_LOCATIONS).map((l) => ({ ...l, excerpt: excerpt(l.segmentId, l.start, l.end) })) })),
        documentTitles: Object.fromEntries([...new Set(c.forms.flatMap((f) => f.locations.map((l) => l.documentId)))].map((id) => [id, titles.get(id) ?? ''])),
      })),
      tookMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Cyrillic names in the edition's Russian text that no glossary entry covers, most frequent first:
   * inflected forms are grouped under the nominative the declension suggests, with the rendering each
   * target language's convention gives.
   */
  async suggestions(access: ProjectAccess, limit: number): Promise<GlossarySuggestionView[]> {
    const project = access.project;
    if (!project.languages.includes('ru')) return [];
    const [{ segments }, { index, schemes }] = await Promise.all([this.segmentsIn(project, 'ru'), this.compiledFor(project)]);
    const lower = new Set<string>();
    const written = new Map<string, { count: number; first: { documentId: string; segmentId: string } }>();
    for (const seg of segments) {
      const known = index.find(seg.text, 'ru');
      const covered = (start: number) => known.some((m) => m.start <= start && start < m.end);
      for (const t of tokenize(seg.text)) {
        if (!/\p{Script=Cyrillic}/u.test(t.text)) continue;
        if (!/^\p{Lu}/u.test(t.text)) {
          lower.add(formKey(t.text));
          continue;
        }
        if (!CYRILLIC_NAME.test(t.text) || t.text.length < 3 || /^\p{Lu}+$/u.test(t.text) || covered(t.start)) continue;
        const w = written.get(t.text);
        if (w) w.count++;
        else written.set(t.text, { count: 1, first: { documentId: seg.documentId, segmentId: seg.segmentId } });
      }
    }
    // Group inflected forms under one lemma: the nominative when it is written, else the most frequent form.
    const groups = new Map<string, { forms: Map<string, number>; first: { documentId: string; segmentId: string } }>();
    const forms = [...written].filter(([form]) => !lower.has(formKey(form))).sort((a, b) => b[1].count - a[1].count);
    for (const [form, { count, first }] of forms) {
      const key = formKey(form);
      const joins = [...groups.keys()].find((l) => russianForms(l).includes(key) || nominatives(form).some((n) => formKey(n) === formKey(l)));
      if (joins) {
        groups.get(joins)!.forms.set(form, count);
        continue;
      }
      // An earlier group keyed by an inflected form of this one: this is its nominative.
      const inflected = [...groups.keys()].find((l) => russianForms(form).includes(formKey(l)));
      const g = inflected ? groups.get(inflected)! : { forms: new Map<string, number>(), first };
      if (inflected) groups.delete(inflected);
      g.forms.set(form, count);
      groups.set(form, g);
    }
    return [...groups]
      .map(([lemma, g]) => {
        const count = [...g.forms.values()].reduce((a, b) => a + b, 0);
        const kind: EntryKind = 'person';
        const renderings = Object.fromEntries([...schemes].map(([language, s]) => [language, transliterate(lemma, s.scheme)]));
        return { lemma, written: [...g.forms].map(([form, n]) => ({ form, count: n })), count, kind, renderings, firstLocation: g.first };
      })
      .sort((a, b) => b.count - a.count || a.lemma.localeCompare(b.lemma))
      .slice(0, limit);
  }

  /**
   * A consistency-report cluster as a new entry: the chosen forms in `language`, and the Cyrillic lemma
   * guessed from the Russian text of the segments where the cluster occurs (the word whose rendering
   * under the edition's convention is nearest the preferred form), when the edition has Russian.
   */
  async entryFromCluster(
    access: ProjectAccess,
    user: AuthUser,
    input: { language: string; kind: EntryKind; forms: EntryForm[]; segmentIds: string[]; glossaryId?: string },
  ): Promise<GlossaryEntryView> {
    this.assertLanguage(access.project, input.language);
    const preferred = input.forms.find((f) => f.status === 'preferred')?.form;
    if (!preferred) throw new DomainError('GLOSSARY_IMPORT_INVALID', { reason: 'a cluster needs a preferred form', at: '-' });
    let lemma: string | null = null;
    if (access.project.languages.includes('ru') && input.language !== 'ru' && input.segmentIds.length) {
      const rows: { plain_text: string }[] = await this.db.query(
        `SELECT v.plain_text FROM variants v JOIN segments s ON s.id = v.segment_id JOIN documents d ON d.id = s.document_id
          WHERE d.project_id = $1 AND v.language = 'ru' AND v.segment_id = ANY($2)`,
        [access.project.id, input.segmentIds.slice(0, 50)],
      );
      const { schemes } = await this.compiledFor(access.project);
      const scheme = schemes.get(input.language)?.scheme;
      if (scheme) lemma = guessLemma(rows.map((r) => r.plain_text), preferred, (w) => transliterate(w, scheme));
    }
    return this.glossary.createEntry(access, user, { lemma, kind: input.kind, forms: { [input.language]: input.forms }, ...(input.glossaryId ? { glossaryId: input.glossaryId } : {}) });
  }
}

const russianForms = (lemma: string): string[] => {
  const [stem, endings] = russianParadigm(lemma);
  return [lemma.toLowerCase(), ...endings.map((e) => stem + e)].map(formKey);
};

/** The Cyrillic word of `texts` whose rendering is nearest `preferred`, put back into the nominative. */
export function guessLemma(texts: string[], preferred: string, render: (word: string) => string): string | null {
  const want = formKey(preferred);
  const votes = new Map<string, number>();
  for (const text of texts) {
    let best: { word: string; d: number } | null = null;
    for (const t of tokenize(text)) {
      if (!/^\p{Lu}/u.test(t.text) || !/\p{Script=Cyrillic}/u.test(t.text)) continue;
      for (const candidate of nominatives(t.text)) {
        const d = editDistance(formKey(render(candidate)), want, 2);
        if (d <= 2 && (!best || d < best.d)) best = { word: candidate, d };
      }
    }
    if (best) votes.set(best.word, (votes.get(best.word) ?? 0) + 3 - best.d);
  }
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The word itself and the nominatives it may be an inflected form of. */
function nominatives(word: string): string[] {
  const out = [word];
  const lower = word.toLowerCase();
  for (const [ending, replacements] of [
    ['ого', ['ий', 'ой', 'ый']],
    ['ому', ['ий', 'ой', 'ый']],
    ['ым', ['', 'ый']],
    ['им', ['ий']],
    ['ом', ['']],
    ['ой', ['а', 'ая']],
    ['ою', ['а']],
    ['а', ['']],
    ['у', ['', 'а']],
    ['е', ['', 'а']],
    ['ы', ['а']],
    ['и', ['а', 'ь', 'я']],
  ] as const) {
    if (lower.endsWith(ending) && lower.length > ending.length + 2) for (const r of replacements) out.push(word.slice(0, -ending.length) + r);
  }
  return out;
}
