import type { ReactNode } from 'react';

export interface ProgressBarProps {
  /** `data-testid` of the whole block, and the job's status as `data-status`. */
  testId: string;
  status: string;
  /** What is happening, shown above the bar ("Parsing", "Failed"). */
  label: string;
  /** Shown at the right of the label while the job has not failed ("42 %"). */
  percentText?: string;
  /** Accessible name of the bar ("Import progress"). */
  ariaLabel: string;
  value: number;
  max: number;
  /** What a screen reader hears for the value: the label when omitted, none with `null`. */
  valueText?: string | null;
  /** Width of the bar, 0–100. */
  widthPercent: number;
  failed: boolean;
  /** An animated bar for a step that reports no steps of its own. */
  working?: boolean;
  /** Between the label and the bar (the import's list of phases). */
  children?: ReactNode;
}

/**
 * The bar every job shows (import, export, alignment): a real `progressbar` with a value text, so a
 * screen reader hears what the eye sees; the callers decide the words and the numbers.
 */
export function ProgressBar(props: ProgressBarProps) {
  const { testId, status, label, percentText, ariaLabel, value, max, valueText, widthPercent, failed, working, children } = props;
  return (
    <div className="progress" data-testid={testId} data-status={status}>
      <div className="progress__label">
        <span>{label}</span>
        {!failed && percentText && <span className="progress__percent">{percentText}</span>}
      </div>
      {children}
      <div
        className={`progress__track${failed ? ' progress__track--failed' : ''}`}
        role="progressbar"
        aria-label={ariaLabel}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={valueText === null ? undefined : (valueText ?? label)}
      >
        <div className={`progress__bar${working ? ' progress__bar--working' : ''}`} style={{ width: `${widthPercent}%` }} />
      </div>
    </div>
  );
}
