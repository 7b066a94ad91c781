import { useTranslation } from 'react-i18next';
import type { ApiError } from './api.js';
import { useDelayedFlag } from './use-delayed-flag.js';
import type { Resource } from './use-resource.js';

/** A view's data could not be loaded: what, why (in the server's words), and a way to try again. */
export function LoadFailed({
  title,
  error,
  onRetry,
  testId,
}: {
  title: string;
  error: ApiError;
  onRetry(): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--block" role="alert" data-testid={testId}>
      <p className="alert__title">{title}</p>
      <p>{error.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('projects.retry')}
      </button>
    </div>
  );
}

/**
 * While a resource loads: a message, once the wait is long enough to notice (a quick answer should
 * not make the view flicker). When it failed: LoadFailed. Nothing once it is ready.
 */
export function LoadStatus<T>({ resource, loading, failed }: { resource: Resource<T>; loading: string; failed: string }) {
  const showLoading = useDelayedFlag(resource.status === 'loading', 250);
  if (resource.status === 'error') return <LoadFailed title={failed} error={resource.error} onRetry={resource.reload} />;
  if (resource.status === 'loading' && showLoading) {
    return (
      <p className="status-message" role="status">
        {loading}
      </p>
    );
  }
  return null;
}
