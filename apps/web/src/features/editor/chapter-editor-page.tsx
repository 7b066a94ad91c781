import { useTranslation } from 'react-i18next';
import { NotFoundPage } from '../../app/not-found-page.js';
import { useSession } from '../../app/session-store.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useDelayedFlag } from '../../lib/use-delayed-flag.js';
import { useResource } from '../../lib/use-resource.js';
import { listDocuments } from '../editions/editions-api.js';
import { getProject } from '../projects/projects-api.js';
import { ChapterEditor } from './chapter-editor.js';
import { listMembers } from './editor-api.js';

/**
 * `/projects/:slug/documents/:documentId`: the chapter, live. Everyone reads it here; who may write
 * what follows their role and languages (read-only cells say why).
 */
export function ChapterEditorPage({ slug, documentId }: { slug: string; documentId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const context = useResource(
    async (signal) => {
      const [project, documents, members] = await Promise.all([
        getProject(slug, signal),
        listDocuments(slug, signal),
        listMembers(slug, signal),
      ]);
      return { project, documents, members };
    },
    [slug],
  );
  const showLoading = useDelayedFlag(context.status === 'loading', 250);
  const user = session.status === 'signed-in' ? session.user : null;

  if (context.status === 'loading' || !user) {
    return showLoading ? (
      <p className="status-message" role="status">
        {t('reader.loading')}
      </p>
    ) : null;
  }
  if (context.status === 'error') {
    if (context.error.status === 404) return <NotFoundPage />;
    return <LoadFailed title={t('reader.loadFailed')} error={context.error} onRetry={context.reload} />;
  }
  const { project, documents, members } = context.data;
  const index = documents.findIndex((document) => document.id === documentId);
  const document = documents[index];
  if (!document) return <NotFoundPage />;
  const me = members.find((member) => member.userId === user.id);
  return (
    <ChapterEditor
      key={`${project.id}/${document.id}`}
      project={project}
      document={document}
      user={user}
      memberLanguages={me?.languages ?? null}
      onRightsChanged={context.reload}
      previous={documents[index - 1] ?? null}
      next={documents[index + 1] ?? null}
    />
  );
}
