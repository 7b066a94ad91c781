import { useTranslation } from 'react-i18next';
import type { ExportPhase, JobView } from '#libs/contracts';
import { ProgressBar } from '../../lib/progress-bar.js';

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
    <ProgressBar
      testId="export-progress"
      status={job.status}
      label={label}
      percentText={t('imports.percent', { percent })}
      ariaLabel={t('exports.progress')}
      value={failed ? 100 : percent}
      max={100}
      widthPercent={failed ? 100 : Math.max(percent, 4)}
      failed={failed}
      working={!finished && !failed && index === 1}
    />
  );
}
