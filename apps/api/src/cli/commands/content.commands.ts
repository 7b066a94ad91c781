import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { ProjectAccess } from '../../common/guards/request-context.js';
import { ExportsService } from '../../exports/exports.service.js';
import { ImportsService } from '../../imports/imports.service.js';
import { ProjectsService } from '../../projects/projects.service.js';
import type { AppCliCommand, CliValues } from '../cli-command.js';
import { str } from '../cli-command.js';

/** The CLI acts with the rights of an owner of the project (it runs with the server's own database access). */
async function projectAccess(app: INestApplicationContext, values: CliValues): Promise<ProjectAccess> {
  const slug = str(values, 'project')!;
  const system = { id: '00000000-0000-0000-0000-000000000000', email: 'cli', displayName: 'CLI', isAdmin: true, locale: 'en' as const, via: 'api-token' as const };
  return app.get(ProjectsService).access(system, slug);
}

export const importBook: AppCliCommand = {
  kind: 'app',
  name: 'import',
  summary: 'Import a book (Markdown or text) into an edition: the source text, or a matching translation',
  usage: 'import FILE --project SLUG --lang LANG [--json]',
  options: { project: { type: 'string' }, lang: { type: 'string' } },
  required: ['project', 'lang'],
  async run(app, values, io, positionals) {
    const file = positionals[0];
    if (!file) throw new Error('name the file to import: import FILE --project SLUG --lang LANG');
    const path = resolve(file);
    let bytes: Buffer;
    try {
      if (!statSync(path).isFile()) throw new Error(`${file} is not a file`);
      bytes = readFileSync(path);
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`);
    }
    const access = await projectAccess(app, values);
    const started = performance.now();
    const report = await app.get(ImportsService).importBook(access, null, bytes, str(values, 'lang')!, (phase, done, total) =>
      io.progress(phase, done, total),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const f = report.footnotes;
    const title = (id: string): string => report.documentTitles[id] ?? id;
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
        `Imported ${file} into ${access.project.slug} (${report.language}, ${report.mode}, ${report.encoding}) in ${seconds} s`,
        `Documents: ${report.documents}; segments: ${report.segments} (${Object.entries(report.segmentsByKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')})`,
        `Footnotes: ${f.references} references, ${f.bodies} bodies, ${f.linked} linked`,
        ...f.unresolvedReferences.map((r) => `  reference without a body: ${title(r.document)}, note ${r.label}`),
        ...f.orphanBodies.map((r) => `  body without a reference: ${title(r.document)}, note ${r.label}`),
        `Pages: ${report.pages}`,
        ...report.warnings.slice(0, 20).map((w) => `  warning ${w.code}${w.line ? ` (line ${w.line})` : ''}: ${w.message}`),
        ...(report.warnings.length > 20 ? [`  … and ${report.warnings.length - 20} more warnings (see --json)`] : []),
      ],
    };
  },
};

export const exportBook: AppCliCommand = {
  kind: 'app',
  name: 'export',
  summary: 'Export one language of an edition as Markdown (to a file, or to stdout)',
  usage: 'export --project SLUG --lang LANG [--format markdown] [--out FILE] [--json]',
  options: { project: { type: 'string' }, lang: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  required: ['project', 'lang'],
  async run(app, values) {
    const format = str(values, 'format') ?? 'markdown';
    if (format !== 'markdown') throw new Error(`--format ${format} is not available; markdown is`);
    const access = await projectAccess(app, values);
    const { filename, markdown } = await app.get(ExportsService).markdown(access, str(values, 'lang')!);
    const out = str(values, 'out');
    if (out) writeFileSync(resolve(out), markdown);
    return {
      data: { filename, bytes: Buffer.byteLength(markdown), ...(out ? { path: resolve(out) } : { markdown }) },
      text: out ? [`Wrote ${resolve(out)} (${Buffer.byteLength(markdown)} bytes)`] : [markdown],
    };
  },
};
