import { useEffect, useState } from 'react';
import type { JobView } from '#libs/contracts';
import { ApiError } from '../../lib/api.js';
import { getJob } from './imports-api.js';

/** Often enough for a bar that visibly moves, rare enough to leave the server alone. */
export const JOB_POLL_MS = 300;

const finished = (job: JobView) => job.status === 'succeeded' || job.status === 'failed';

export type JobState = { job: JobView; pollError: ApiError | null };

/**
 * Follows a job until it finishes: one request at a time, the next ~300 ms after the previous answer,
 * so a slow server is never asked twice at once. A failed poll is shown and retried, not fatal.
 */
export function useJob(project: string, initial: JobView | null): JobState | null {
  const [state, setState] = useState<JobState | null>(initial ? { job: initial, pollError: null } : null);

  useEffect(() => {
    setState(initial ? { job: initial, pollError: null } : null);
    if (!initial || finished(initial)) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      getJob(project, initial.id, controller.signal).then(
        (job) => {
          if (controller.signal.aborted) return;
          setState({ job, pollError: null });
          if (!finished(job)) timer = setTimeout(poll, JOB_POLL_MS);
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const apiError = error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR', String(error));
          setState((previous) => (previous ? { ...previous, pollError: apiError } : previous));
          // Not found or not allowed will not get better by asking again.
          if (apiError.status !== 404 && apiError.status !== 403 && apiError.status !== 401) {
            timer = setTimeout(poll, JOB_POLL_MS * 4);
          }
        },
      );
    };
    timer = setTimeout(poll, JOB_POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [project, initial]);

  return state;
}
