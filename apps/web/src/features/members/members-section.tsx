import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_ROLES, roleAllows, type ProjectMember, type ProjectRole, type ProjectSummary } from '#libs/contracts';
import { ConfirmDialog } from '../account/confirm-dialog.js';
import { failureOf } from '../account/feedback.js';
import { TextField } from '../account/form-fields.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { listMembers } from '../editor/editor-api.js';
import { projectLanguages } from '../projects/projects-api.js';
import { addMember, removeMember, updateMember } from './members-api.js';

/**
 * Who works on the edition, with their role and the languages they may edit. Everyone sees the list;
 * owners invite people (an existing account by email, or a new one with a first password), change
 * their role and languages, and remove them.
 */
export function MembersSection({ project }: { project: ProjectSummary }) {
  const { t } = useTranslation();
  const members = useResource((signal) => listMembers(project.id, signal), [project.id]);
  const canManage = roleAllows(project.role, 'members.manage');
  return (
    <section className="members" aria-labelledby="members-title" data-testid="members">
      <h2 id="members-title" className="section-title">
        {t('members.title')}
      </h2>
      {members.status === 'error' && <LoadFailed title={t('members.loadFailed')} error={members.error} onRetry={members.reload} />}
      {members.status === 'ready' && (
        <ul className="member-list">
          {members.data.map((member) => (
            <MemberRow key={member.userId} project={project} member={member} canManage={canManage} onChanged={members.reload} />
          ))}
        </ul>
      )}
      {canManage && <InviteForm project={project} onAdded={members.reload} />}
    </section>
  );
}

function MemberRow({ project, member, canManage, onChanged }: { project: ProjectSummary; member: ProjectMember; canManage: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  return (
    <li className="member" data-testid="member" data-email={member.email}>
      <div className="member__who">
        <span className="member__name">{member.displayName}</span>
        <span className="member__email">{member.email}</span>
      </div>
      <span className={`role-badge role-badge--${member.role}`} data-testid="member-role">
        {t(`roles.${member.role}`)}
      </span>
      <span className="member__languages" data-testid="member-languages">
        {member.languages === null ? t('members.allLanguages') : member.languages.map(languageName).join(', ') || t('members.noLanguages')}
      </span>
      {canManage && (
        <span className="member__actions">
          <button type="button" className="button button--quiet" onClick={() => setEditing((open) => !open)} aria-expanded={editing}>
            {t('members.change')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setRemoving(true)}>
            {t('members.remove')}
          </button>
        </span>
      )}
      {editing && (
        <MemberForm
          project={project}
          initial={{ role: member.role, languages: member.languages }}
          submitLabel={t('members.save')}
          onSubmit={async (value) => {
            await updateMember(project.id, member.userId, value);
            setEditing(false);
            onChanged();
          }}
        />
      )}
      <ConfirmDialog
        open={removing}
        title={t('members.removeTitle', { name: member.displayName })}
        confirmLabel={t('members.remove')}
        busyLabel={t('members.removing')}
        cancelLabel={t('editor.cancel')}
        onConfirm={() => removeMember(project.id, member.userId)}
        onClose={(confirmed) => {
          setRemoving(false);
          if (confirmed) onChanged();
        }}
      >
        <p>{t('members.removeBody')}</p>
      </ConfirmDialog>
    </li>
  );
}

interface RoleAndLanguages {
  role: ProjectRole;
  languages: string[] | null;
}

/** Role and languages: "all languages" (null), or the ones ticked. */
function MemberForm({
  project,
  initial,
  submitLabel,
  onSubmit,
  children,
}: {
  project: ProjectSummary;
  initial: RoleAndLanguages;
  submitLabel: string;
  onSubmit(value: RoleAndLanguages): Promise<void>;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const [role, setRole] = useState<ProjectRole>(initial.role);
  const [all, setAll] = useState(initial.languages === null);
  const [languages, setLanguages] = useState<string[]>(initial.languages ?? []);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit({ role, languages: all ? null : languages });
    } catch (caught) {
      setFailure(failureOf(caught).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="member-form" onSubmit={(event) => void submit(event)}>
      {children}
      <div className="field">
        <label>
          {t('members.role')}
          <select value={role} onChange={(event) => setRole(event.target.value as ProjectRole)} data-testid="member-role-select">
            {PROJECT_ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="member-form__languages">
        <legend>{t('members.languages')}</legend>
        <label>
          <input type="checkbox" checked={all} onChange={(event) => setAll(event.target.checked)} />
          {t('members.allLanguages')}
        </label>
        {!all &&
          projectLanguages(project).map((language) => (
            <label key={language}>
              <input
                type="checkbox"
                checked={languages.includes(language)}
                onChange={(event) =>
                  setLanguages((current) => (event.target.checked ? [...current, language] : current.filter((item) => item !== language)))
                }
              />
              {languageName(language)}
            </label>
          ))}
      </fieldset>
      <div aria-live="assertive">{failure && <p className="alert">{failure}</p>}</div>
      <button type="submit" className="button button--primary" aria-disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

function InviteForm({ project, onAdded }: { project: ProjectSummary; onAdded(): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [formKey, setFormKey] = useState(0);
  const [added, setAdded] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  return (
    <details className="invite" data-testid="invite" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="button">{t('members.invite')}</summary>
      {open && (
      <MemberForm
        key={formKey}
        project={project}
        initial={{ role: 'translator', languages: project.targetLanguages }}
        submitLabel={t('members.add')}
        onSubmit={async ({ role, languages }) => {
          setAdded(null);
          await addMember(project.id, { email, role, languages, ...(password ? { password, displayName: displayName || undefined } : {}) });
          setAdded(email);
          setEmail('');
          setDisplayName('');
          setPassword('');
          setFormKey((n) => n + 1);
          onAdded();
        }}
      >
        <TextField label={t('members.email')} type="email" required value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="off" />
        <p className="field__hint">{t('members.newAccountHint')}</p>
        <TextField label={t('members.name')} value={displayName} onChange={(event) => setDisplayName(event.target.value)} autoComplete="off" />
        <TextField
          label={t('members.password')}
          type="password"
          minLength={8}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="new-password"
        />
      </MemberForm>
      )}
      <div aria-live="polite">{added && <p className="notice">{t('members.added', { email: added })}</p>}</div>
    </details>
  );
}
