import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../../collab/chapter-connection.js';
import type { Person } from '../../collab/presence.js';

/**
 * Connected / reconnecting / offline, and whether everything typed is stored on the server: "saved"
 * comes from the server's durable acknowledgement, never from having sent.
 */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { t } = useTranslation();
  const status = state.fatal ? 'stopped' : state.status;
  const saved = state.saved ? 'saved' : state.status === 'connected' ? 'saving' : 'unsaved';
  return (
    <p className={`connection connection--${status}`} role="status" aria-live="polite" data-testid="connection" data-status={status} data-saved={saved}>
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__status">{t(`editor.connection.${status}`)}</span>
      <span aria-hidden="true"> · </span>
      <span className="connection__saved" data-testid="save-state">
        {t(`editor.saved.${saved}`)}
      </span>
    </p>
  );
}

/** Who else is in the chapter: avatars with their names and colours, and where they are. */
export function PresenceBar({ people, languageName }: { people: Person[]; languageName(language: string): string }) {
  const { t } = useTranslation();
  // One avatar per person, even with several tabs open.
  const unique = [...new Map(people.map((person) => [person.userId, person])).values()];
  if (unique.length === 0) {
    return (
      <p className="presence presence--alone muted" data-testid="presence">
        {t('editor.alone')}
      </p>
    );
  }
  return (
    <ul className="presence" aria-label={t('editor.presence')} data-testid="presence">
      {unique.map((person) => (
        <li
          key={person.userId}
          className="avatar"
          style={{ background: person.colour }}
          title={person.lang ? t('editor.personIn', { name: person.name, language: languageName(person.lang) }) : person.name}
          data-testid="avatar"
          data-user-id={person.userId}
        >
          <span aria-hidden="true">{initials(person.name)}</span>
          <span className="visually-hidden">{person.name}</span>
        </li>
      ))}
    </ul>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
