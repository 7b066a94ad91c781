import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import {
  EXPORT_FORMATS,
  EXPORT_LAYOUTS,
  isRenderingName,
  isTextEncoding,
  RENDERING_NAMES,
  TEXT_ENCODINGS,
  type ExportFormat,
  type ExportLayout,
  type ImportWarning,
  type MissingTextView,
} from '#libs/contracts';
import type { ProjectAccess } from '../../common/guards/request-context.js';
import { ExportsService } from '../../exports/exports.service.js';
import { wordWarning } from '../../imports/import-warnings.js';
import { ImportsService } from '../../imports/imports.service.js';
import { ProjectsService } from '../../projects/projects.service.js';
import type { AppCliCommand, CliValues } from '../cli-command.js';
import { str } from '../cli-command.js';
import { CliError } from '../cli-error.js';

/** The CLI acts with the rights of an owner of the project (it runs with the server's own database access). */
export async function projectAccess(app: INestApplicationContext, values: CliValues): Promise<ProjectAccess> {
  const slug = str(values, 'project')!;
  const system = { id: '00000000-0000-0000-0000-000000000000', email: 'cli', displayName: 'CLI', isAdmin: true, locale: 'en' as const, via: 'api-token' as const };
  return app.get(ProjectsService).access(system, slug);
}

/** The bytes of a file named on the command line; a CLI_FILE_UNREADABLE error that says why not. */
export function readInput(file: string): Buffer {
  const path = resolve(file);
  try {
    if (statSync(path).isFile()) return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('CLI_FILE_UNREADABLE', 'errors.fileNotFound', { file });
    if (code === 'EACCES') throw new CliError('CLI_FILE_UNREADABLE', 'errors.fileDenied', { file });
    throw new CliError('CLI_FILE_UNREADABLE', 'errors.unreadable', { file, reason: (error as Error).message });
  }
  throw new CliError('CLI_FILE_UNREADABLE', 'errors.notAFile', { file });
}

export const importBook: AppCliCommand = {
  kind: 'app',
  name: 'import',
  messages: 'import',
  options: { project: { type: 'string' }, lang: { type: 'string' }, rendering: { type: 'string' }, encoding: { type: 'string' } },
  required: ['project', 'lang'],
  async run(app, values, io, positionals) {
    const { t } = io;
    const file = positionals[0];
    if (!file) throw new CliError('CLI_USAGE', 'errors.fileMissing');
    const rendering = str(values, 'rendering');
    if (rendering !== undefined && !isRenderingName(rendering)) {
      throw new CliError('CLI_USAGE', 'errors.badChoice', { option: 'rendering', value: rendering, allowed: RENDERING_NAMES.join(', ') });
    }
    const encoding = str(values, 'encoding');
    if (encoding !== undefined && !isTextEncoding(encoding)) {
      throw new CliError('CLI_USAGE', 'errors.badChoice', { option: 'encoding', value: encoding, allowed: TEXT_ENCODINGS.join(', ') });
    }
    const bytes = readInput(file);
    const access = await projectAccess(app, values);
    const started = performance.now();
    const report = await app.get(ImportsService).importBook(
      access,
      null,
      bytes,
      str(values, 'lang')!,
      (phase, done, total) => io.progress(t(`commands.import.phases.${phase}`), done, total),
      { rendering, encoding },
    );
    const r = report.rendering;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const f = report.footnotes;
    const title = (id: string): string => report.documentTitles[id] ?? id;
    const warning = (w: ImportWarning): string => {
      const { message } = wordWarning(w, io.language);
      return w.line ? t('commands.import.warningAtLine', { code: w.code, line: w.line, message }) : t('commands.import.warning', { code: w.code, message });
    };
    return {
      data: {
        ...report,
        footnotes: {
          ...f,
          unresolvedReferences: f.unresolvedReferences.map((r) => ({ ...r, documentTitle: title(r.document) })),
          orphanBodies: f.orphanBodies.map((r) => ({ ...r, documentTitle: title(r.document) })),
        },
      },
      text: [
        t('commands.import.imported', {
          file,
          project: access.project.slug,
          language: report.language,
          mode: t(`commands.import.modes.${report.mode}`),
          encoding: report.encoding,
          seconds,
        }),
        t('commands.import.documents', {
          documents: report.documents,
          segments: report.segments,
          kinds: Object.entries(report.segmentsByKind)
            .map(([k, n]) => `${k} ${n}`)
            .join(', '),
        }),
        t('commands.import.footnotes', { references: f.references, bodies: f.bodies, linked: f.linked }),
        ...f.unresolvedReferences.map((r) => `  ${t('commands.import.unresolvedReference', { document: title(r.document), label: r.label })}`),
        ...f.orphanBodies.map((r) => `  ${t('commands.import.orphanBody', { document: title(r.document), label: r.label })}`),
        ...(r
          ? [
              t('commands.import.renderingLine', {
                rendering: r.name,
                how: t(`commands.import.renderingHow.${r.chosenBy}`),
                reasons: r.reasons.map((x) => `${x.code} ${x.count}`).join(', '),
              }),
            ]
          : []),
        ...(report.encodingReport
          ? [
              t('commands.import.encodingLine', {
                encoding: report.encoding,
                how: t(`commands.import.renderingHow.${report.encodingReport.chosenBy}`),
                confidence: report.encodingReport.confidence,
              }),
            ]
          : []),
        r && r.pageMarkers > 0
          ? t('commands.import.pagesFromMarkers', { pages: report.pages, markers: r.pageMarkers, transitions: r.pageTransitions })
          : t('commands.import.pages', { pages: report.pages }),
        ...(r?.sourceAddress ? [t('commands.import.sourceAddress', { address: r.sourceAddress })] : []),
        ...(r && r.droppedLines.length > 0 ? [t('commands.import.dropped', { count: r.droppedLines.length })] : []),
        ...(r?.droppedLines ?? []).map(
          (l) => `  ${t('commands.import.droppedLine', { line: l.line, reason: t(`commands.import.droppedReasons.${l.reason}`), text: l.text })}`,
        ),
        ...(r && r.guesses.length > 0 ? [t('commands.import.guesses', { count: r.guesses.length })] : []),
        ...(r?.guesses ?? []).map((g) => `  ${t('commands.import.guess', { line: g.line, text: g.text })}`),
        ...report.warnings.slice(0, 20).map((w) => `  ${warning(w)}`),
        ...(report.warnings.length > 20 ? [`  ${t('commands.import.moreWarnings', { count: report.warnings.length - 20 })}`] : []),
      ],
    };
  },
};

export const exportBook: AppCliCommand = {
  kind: 'app',
  name: 'export',
  messages: 'export',
  options: {
    project: { type: 'string' },
    lang: { type: 'string' },
    langs: { type: 'string' },
    format: { type: 'string' },
    layout: { type: 'string' },
    final: { type: 'boolean' },
    strict: { type: 'boolean' },
    out: { type: 'string' },
  },
  required: ['project'],
  async run(app, values, io) {
    const { t } = io;
    const requested = str(values, 'format') ?? 'md';
    const format = requested === 'markdown' ? 'md' : requested;
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new CliError('CLI_USAGE', 'errors.formatUnavailable', { format: requested, formats: EXPORT_FORMATS.join(', ') });
    const layout = str(values, 'layout') ?? 'facing';
    if (!(EXPORT_LAYOUTS as readonly string[]).includes(layout)) throw new CliError('CLI_USAGE', 'errors.layoutUnavailable', { layout });
    const languages = (str(values, 'langs') ?? str(values, 'lang') ?? '').split(',').map((l) => l.trim()).filter(Boolean);
    const out = str(values, 'out');
    const access = await projectAccess(app, values);
    const exports = app.get(ExportsService);
    // Markdown of one language to stdout, as before: the importer's round trip.
    if (format === 'md' && !out) {
      if (languages.length !== 1) throw new CliError('CLI_USAGE', 'errors.langMissing');
      const { filename, markdown } = await exports.markdown(access, languages[0]!);
      return { data: { filename, bytes: Buffer.byteLength(markdown), markdown }, text: [markdown] };
    }
    if (!out) throw new CliError('CLI_USAGE', 'errors.outRequired', { format });
    const started = performance.now();
    const file = await exports.produce(
      access,
      { format: format as ExportFormat, languages, final: values.final === true, refuseIncomplete: values.strict === true, layout: layout as ExportLayout },
      (phase, done, total) => io.progress(t(`commands.export.phases.${phase}`), done, total),
    );
    writeFileSync(resolve(out), file.content);
    const s = file.summary;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const title = (m: MissingTextView): string => t('commands.export.missingItem', { document: m.documentTitle, excerpt: m.excerpt, language: m.language, status: m.status, segment: m.segmentId });
    return {
      data: { ...s, path: resolve(out) },
      text: [
        t('commands.export.wrote', { path: resolve(out), bytes: s.bytes }) + (s.pages ? ` — ${t('commands.export.pages', { pages: s.pages })}` : '') + ` (${seconds} s)`,
        ...(s.missingCount ? [t(s.final ? 'commands.export.missingFinal' : 'commands.export.missingDraft', { count: s.missingCount })] : []),
        ...s.missing.slice(0, 20).map((m) => `  ${title(m)}`),
        ...(s.missingCount > 20 ? [`  ${t('commands.export.moreMissing', { count: s.missingCount - 20 })}`] : []),
        ...(s.unreferencedNotes ? [t('commands.export.unreferenced', { count: s.unreferencedNotes })] : []),
      ],
    };
  },
};
