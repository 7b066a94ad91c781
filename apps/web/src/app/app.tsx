import { useEffect, useRef, type ReactNode } from 'react';
import { AccountPage } from '../features/account/account-page.js';
import { AlignmentReviewPage } from '../features/alignment/alignment-review-page.js';
import { LoginPage } from '../features/auth/login-page.js';
import { ChapterReaderPage } from '../features/editions/chapter-reader-page.js';
import { ChapterEditorPage } from '../features/editor/chapter-editor-page.js';
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

/**
 * The pages, one line each: the first pattern that matches the path renders. Keep more specific
 * patterns of the same length apart from each other's words (`/projects/:slug/glossary` beside
 * `/projects/:slug/documents/:documentId` is fine: patterns match segment by segment).
 */
const ROUTES: { pattern: string; render(params: Record<string, string>): ReactNode }[] = [
  { pattern: '/projects', render: () => <ProjectListPage /> },
  { pattern: '/account', render: () => <AccountPage /> },
  { pattern: '/projects/:slug', render: (p) => <ProjectPage key={p.slug} slug={p.slug!} /> },
  { pattern: '/projects/:slug/glossary', render: (p) => <GlossaryPage key={p.slug} slug={p.slug!} /> },
  {
    pattern: '/projects/:slug/documents/:documentId',
    render: (p) => <ChapterEditorPage key={`${p.slug}/${p.documentId}`} slug={p.slug!} documentId={p.documentId!} />,
  },
  {
    pattern: '/projects/:slug/documents/:documentId/review',
    render: (p) => <ChapterReaderPage key={`${p.slug}/${p.documentId}`} slug={p.slug!} documentId={p.documentId!} />,
  },
  {
    pattern: '/projects/:slug/alignments/:alignmentId',
    render: (p) => <AlignmentReviewPage key={`${p.slug}/${p.alignmentId}`} slug={p.slug!} alignmentId={p.alignmentId!} />,
  },
];

function renderRoute(pathname: string) {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params) return route.render(params);
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
