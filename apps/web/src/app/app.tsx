import { useEffect, useRef } from 'react';
import { AccountPage } from '../features/account/account-page.js';
import { AlignmentReviewPage } from '../features/alignment/alignment-review-page.js';
import { LoginPage } from '../features/auth/login-page.js';
import { ChapterReaderPage } from '../features/editions/chapter-reader-page.js';
import { GlossaryPage } from '../features/glossary/glossary-page.js';
import { ProjectListPage } from '../features/projects/project-list-page.js';
import { ProjectPage } from '../features/projects/project-page.js';
import { AppShell } from './app-shell.js';
import { NotFoundPage } from './not-found-page.js';
import { matchPath, Redirect, safeReturnPath, useLocation } from './router.js';
import { useSession } from './session-store.js';

const HOME = '/projects';

export function App() {
  const session = useSession();
  const location = useLocation();
  useFocusMainOnNavigation(location.pathname);

  if (session.status === 'signed-out') {
    if (location.pathname !== '/login') {
      // Remember where the user was going; the login page sends them back there.
      const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.href)}`;
      return <Redirect to={`/login${next}`} />;
    }
    return <LoginPage sessionExpired={session.expired} />;
  }

  if (location.pathname === '/login' || location.pathname === '/') {
    return <Redirect to={safeReturnPath(location.search.get('next'), HOME)} />;
  }

  return (
    <AppShell sessionId={session.sessionId} user={session.user}>
      {renderRoute(location.pathname)}
    </AppShell>
  );
}

function renderRoute(pathname: string) {
  if (matchPath('/projects', pathname)) return <ProjectListPage />;
  if (matchPath('/account', pathname)) return <AccountPage />;
  const project = matchPath('/projects/:slug', pathname);
  if (project?.slug) return <ProjectPage key={project.slug} slug={project.slug} />;
  const glossary = matchPath('/projects/:slug/glossary', pathname);
  if (glossary?.slug) return <GlossaryPage key={glossary.slug} slug={glossary.slug} />;
  const chapter = matchPath('/projects/:slug/documents/:documentId', pathname);
  if (chapter?.slug && chapter.documentId) {
    return <ChapterReaderPage key={`${chapter.slug}/${chapter.documentId}`} slug={chapter.slug} documentId={chapter.documentId} />;
  }
  const alignment = matchPath('/projects/:slug/alignments/:alignmentId', pathname);
  if (alignment?.slug && alignment.alignmentId) {
    return <AlignmentReviewPage key={`${alignment.slug}/${alignment.alignmentId}`} slug={alignment.slug} alignmentId={alignment.alignmentId} />;
  }
  return <NotFoundPage />;
}

/**
 * After an in-app navigation, move focus to the new page's main region, as a full page load would,
 * so keyboard and screen-reader users start at the new content rather than on a vanished link.
 */
function useFocusMainOnNavigation(pathname: string): void {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const main = document.getElementById('main');
    if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  }, [pathname]);
}
