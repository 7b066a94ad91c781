import { useId, type ReactNode } from 'react';

/**
 * One row of the sessions or tokens list: a name (with an optional badge), a few facts as a
 * description list, and at most one button, which is described by the name, so that among several
 * "Sign out" buttons a screen reader says which one this is.
 */
export function AccountItem({
  name,
  nameTitle,
  badge,
  facts,
  action,
  testId,
  data,
}: {
  name: string;
  /** The full text behind a shortened name, as a tooltip. */
  nameTitle?: string;
  badge?: ReactNode;
  facts: readonly (readonly [term: string, value: ReactNode])[];
  action?: { label: string; onClick(): void; busy?: boolean };
  testId: string;
  /** `data-*` attributes for the row, without the prefix. */
  data?: Record<string, string | undefined>;
}) {
  const nameId = useId();
  const dataAttributes = Object.fromEntries(Object.entries(data ?? {}).map(([key, value]) => [`data-${key}`, value]));
  return (
    <li className="account-item" data-testid={testId} {...dataAttributes}>
      <div className="account-item__main">
        <p className="account-item__name" id={nameId} title={nameTitle}>
          <span>{name}</span>
          {badge}
        </p>
        <dl className="facts account-item__facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      {action && (
        <div className="account-item__actions">
          <button type="button" className="button" onClick={action.onClick} aria-describedby={nameId} aria-disabled={action.busy}>
            {action.label}
          </button>
        </div>
      )}
    </li>
  );
}
