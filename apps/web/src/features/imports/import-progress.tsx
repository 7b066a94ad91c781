import { useTranslation } from 'react-i18next';
import type { JobView } from '#libs/contracts';
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
    <div className="progress" data-testid="import-progress" data-status={job.status}>
      <div className="progress__label">
        <span>{label}</span>
        {!failed && <span className="progress__percent">{t('imports.percent', { percent })}</span>}
      </div>
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
      <div
        className={`progress__track${failed ? ' progress__track--failed' : ''}`}
        role="progressbar"
        aria-label={t('imports.progress')}
        aria-valuemin={0}
        aria-valuemax={total > 0 ? total : 1}
        aria-valuenow={done}
        aria-valuetext={valueText}
      >
        <div className="progress__bar" style={{ width: `${failed ? 100 : percent}%` }} />
      </div>
    </div>
  );
}
