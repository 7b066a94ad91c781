import { alignSentences, type Bead, type LengthModel, type WordPair } from '#libs/alignment';
import { basename } from 'node:path';
import { AlignmentService } from '../../alignment/alignment.service.js';
import { transliterationNameKey } from '../../alignment/name-key.js';
import type { AppConfig } from '../../config/app-config.js';
import type { CliIo, CliResult, ConfigCliCommand, CliValues } from '../cli-command.js';
import { str } from '../cli-command.js';
import { openCliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { projectAccess, readInput } from './content.commands.js';

/** One sentence (or verse) per line; a final newline does not make an empty last line. */
const readLines = (file: string): string[] => {
  const lines = readInput(file).toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

/** A user's word list: `source<TAB>target` per line; blank lines and lines starting with # are skipped. */
function readWordList(file: string): WordPair[] {
  return readLines(file).flatMap((line, i) => {
    if (!line.trim() || line.startsWith('#')) return [];
    const [source, target, ...rest] = line.split('\t');
    if (!source?.trim() || !target?.trim() || rest.length) throw new CliError('CLI_USAGE', 'errors.wordListInvalid', { file, line: i + 1 });
    return [{ source: source.trim(), target: target.trim() }];
  });
}

function lengthModel(values: CliValues): LengthModel | undefined {
  const ratio = str(values, 'length-ratio');
  const variance = str(values, 'length-variance');
  if (ratio === undefined && variance === undefined) return undefined;
  const model = { ratio: Number(ratio), variance: Number(variance) };
  if (!(model.ratio > 0) || !(model.variance > 0) || !Number.isFinite(model.ratio) || !Number.isFinite(model.variance)) {
    throw new CliError('CLI_USAGE', 'errors.lengthModelInvalid');
  }
  return model;
}

const shape = (b: Bead): string => `${b.source.length}:${b.target.length}`;

/**
 * `align FILE --project SLUG --lang de`: a translation that does not match the edition segment for
 * segment, aligned and written as draft variants (with `--review`, only proposed: the proposal waits
 * in the web app for review and confirmation).
 */
async function alignImport(config: AppConfig, values: CliValues, io: CliIo, positionals: string[]): Promise<CliResult> {
  const { t } = io;
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new CliError('CLI_USAGE', 'errors.fileMissing');
  const lang = str(values, 'lang');
  if (!str(values, 'project') || !lang) throw new CliError('CLI_USAGE', 'errors.missing', { options: '--project, --lang' });
  const bytes = readInput(file);
  const context = await openCliContext(config);
  try {
    const access = await projectAccess(context.app, values);
    const service = context.app.get(AlignmentService);
    const started = performance.now();
    const proposal = await service.propose(access, null, bytes, lang, basename(file), (phase, done, total) =>
      io.progress(t(`commands.align.phases.${phase}`), done, total),
    );
    const s = proposal.summary;
    const shapes = Object.entries(s.shapes).map(([k, n]) => `${k} ${n}`).join(', ');
    const lines = [
      t('commands.align.proposed', { file, project: access.project.slug, language: lang, documents: s.documents, beads: s.beads, shapes }),
      t('commands.align.low', { count: s.lowConfidence }),
      t('commands.align.notes', { notes: s.notes, unmatched: s.unmatchedNotes }),
      ...s.unmatchedDocuments.map((title) => `  ${t('commands.align.unmatchedDocument', { title })}`),
    ];
    if (values.review) {
      return { data: { alignmentId: proposal.id, summary: s }, text: [...lines, t('commands.align.review', { id: proposal.id })] };
    }
    const confirmed = await service.confirm(access, null, proposal.id);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    return {
      data: { alignmentId: proposal.id, summary: s, confirmed },
      text: [...lines, t('commands.align.written', { variants: confirmed.variants, seconds })],
    };
  } finally {
    await context.close();
  }
}

/**
 * `align --lines SOURCE TARGET --from en --to ru`: the aligner on its own, for evaluation and scripts
 * (no database); `align FILE --project SLUG --lang de`: an aligned import (see alignImport).
 */
export const align: ConfigCliCommand = {
  kind: 'config',
  name: 'align',
  messages: 'align',
  options: {
    lines: { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    words: { type: 'string' },
    'no-learn': { type: 'boolean' },
    'builtin-names': { type: 'boolean' },
    'length-ratio': { type: 'string' },
    'length-variance': { type: 'string' },
    project: { type: 'string' },
    lang: { type: 'string' },
    review: { type: 'boolean' },
  },
  async run(config, values, io, positionals) {
    const { t } = io;
    if (!values.lines) {
      if (str(values, 'project') === undefined) throw new CliError('CLI_USAGE', 'errors.alignModeMissing');
      return alignImport(config, values, io, positionals);
    }
    const [sourceFile, targetFile, ...extra] = positionals;
    if (!sourceFile || !targetFile || extra.length) throw new CliError('CLI_USAGE', 'errors.alignFilesMissing');
    const from = str(values, 'from');
    const to = str(values, 'to');
    if (!from || !to) throw new CliError('CLI_USAGE', 'errors.alignLanguageMissing');
    const source = readLines(sourceFile);
    const target = readLines(targetFile);
    const words = str(values, 'words');
    const started = performance.now();
    const beads = alignSentences(source, target, {
      from,
      to,
      lengthModel: lengthModel(values),
      wordList: words ? readWordList(words) : undefined,
      learnWords: values['no-learn'] !== true,
      nameKey: values['builtin-names'] ? undefined : transliterationNameKey(from, to),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const shapes = new Map<string, number>();
    for (const b of beads) shapes.set(shape(b), (shapes.get(shape(b)) ?? 0) + 1);
    const round = (b: Bead): Bead => ({ source: b.source, target: b.target, confidence: Math.round(b.confidence * 1000) / 1000 });
    const show = (list: number[]) => (list.length ? list.map((i) => i + 1).join('+') : '–');
    return {
      data: beads.map(round),
      text: [
        t('commands.align.aligned', {
          source: source.length,
          target: target.length,
          seconds,
          beads: beads.length,
          shapes: [...shapes].map(([k, n]) => `${k} ${n}`).join(', '),
        }),
        t('commands.align.low', { count: beads.filter((b) => b.confidence < 0.5).length }),
        ...beads.map((b) => t('commands.align.bead', { source: show(b.source), target: show(b.target), confidence: b.confidence.toFixed(2) })),
      ],
    };
  },
};
