import { useTranslation } from 'react-i18next';
import type { ExportPhase, JobView } from '#libs/contracts';

const PHASES: readonly ExportPhase[] = ['loading', 'rendering', 'storing'];

/**
 * The export's phase and one bar over all three phases (reading the edition, typesetting, storing);
 * a phase without steps of its own (typesetting is one step) fills its third when it ends.
 */
export function ExportProgress({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const finished = job.status === 'succeeded';
  const failed = job.status === 'failed';
  const index = PHASES.indexOf(job.phase as ExportPhase);
  const within = job.total > 0 ? Math.min(1, Math.max(0, job.done / job.total)) : 0;
  const ratio = finished ? 1 : index < 0 ? 0 : (index + within) / PHASES.length;
  const percent = Math.round(ratio * 100);
  const label = finished
    ? t('exports.status.succeeded')
    : failed
      ? t('exports.status.failed')
      : index < 0
        ? t('exports.status.queued')
        : t(`exports.phase.${PHASES[index]!}`);
  return (
    <div className="progress" data-testid="export-progress" data-status={job.status}>
      <div className="progress__label">
        <span>{label}</span>
        {!failed && <span className="progress__percent">{t('imports.percent', { percent })}</span>}
      </div>
      <div
        className={`progress__track${failed ? ' progress__track--failed' : ''}`}
        role="progressbar"
        aria-label={t('exports.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={failed ? 100 : percent}
        aria-valuetext={label}
      >
        <div className={`progress__bar${!finished && !failed && index === 1 ? ' progress__bar--working' : ''}`} style={{ width: `${failed ? 100 : Math.max(percent, 4)}%` }} />
      </div>
    </div>
  );
}
