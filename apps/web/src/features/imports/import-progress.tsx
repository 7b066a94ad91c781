import { useTranslation } from 'react-i18next';
import type { JobView } from '#libs/contracts';
import { ProgressBar } from '../../lib/progress-bar.js';
import type { ImportPhase } from './imports-api.js';

const PHASES: readonly ImportPhase[] = ['decoding', 'parsing', 'writing'];
const isPhase = (value: string | null): value is ImportPhase => PHASES.includes(value as ImportPhase);

/**
 * The job's phase and a bar of its `done / total`. The bar is a real `progressbar` with a value text
 * ("Parsing: 3 of 8"), so a screen reader hears the same as the eye sees; it is polite, not a live
 * region, because announcing every tick would drown the reader.
 */
export function ImportProgress({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const finished = job.status === 'succeeded';
  const failed = job.status === 'failed';
  const total = finished ? 1 : Math.max(job.total, 0);
  const done = finished ? 1 : Math.min(Math.max(job.done, 0), total);
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const phase = isPhase(job.phase) ? job.phase : null;

  const label = finished
    ? t('imports.status.succeeded')
    : failed
      ? t('imports.status.failed')
      : job.status === 'queued' || !phase
        ? t('imports.status.queued')
        : t(`imports.phase.${phase}`);
  const valueText =
    finished || failed || total === 0 ? label : t('imports.progressValue', { phase: label, done, total });

  return (
    <ProgressBar
      testId="import-progress"
      status={job.status}
      label={label}
      percentText={t('imports.percent', { percent })}
      ariaLabel={t('imports.progress')}
      value={done}
      max={total > 0 ? total : 1}
      valueText={valueText}
      widthPercent={failed ? 100 : percent}
      failed={failed}
    >
      {phase && !finished && !failed && (
        <ol className="progress__phases" aria-label={t('imports.phases')}>
          {PHASES.map((step, index) => {
            const current = PHASES.indexOf(phase);
            const state = index < current ? 'done' : index === current ? 'current' : 'pending';
            return (
              <li key={step} className={`progress__phase progress__phase--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                {t(`imports.phase.${step}`)}
              </li>
            );
          })}
        </ol>
      )}
    </ProgressBar>
  );
}
