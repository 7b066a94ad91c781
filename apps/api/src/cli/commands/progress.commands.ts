import { PROGRESS_STATUSES, type ProgressCounts } from '#libs/contracts';
import { ProgressService } from '../../progress/progress.service.js';
import type { AppCliCommand } from '../cli-command.js';
import { projectAccess } from './content.commands.js';

const percent = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

export const progressCommand: AppCliCommand = {
  kind: 'app',
  name: 'progress',
  messages: 'progress',
  options: { project: { type: 'string' } },
  required: ['project'],
  async run(app, values, { t }) {
    const access = await projectAccess(app, values);
    const progress = await app.get(ProgressService).project(access);
    const languageLine = (language: string, c: ProgressCounts): string =>
      t('commands.progress.language', {
        language,
        ...Object.fromEntries(PROGRESS_STATUSES.map((s) => [s, percent(c.segments[s], c.totalSegments)])),
        segments: c.totalSegments,
        words: c.totalWords,
      });
    const text = Object.entries(progress.languages).map(([language, counts]) => languageLine(language, counts));
    for (const d of progress.documents) {
      text.push(t('commands.progress.chapter', { title: d.titles[access.project.sourceLanguage] ?? Object.values(d.titles)[0] ?? d.documentId }));
      for (const [language, c] of Object.entries(d.languages)) {
        text.push(t('commands.progress.chapterLanguage', { language, done: c.segments.approved, segments: c.totalSegments, words: c.totalWords }));
      }
    }
    return { data: progress, text };
  },
};
