import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary, FootnoteView, ProjectSummary } from '#libs/contracts';
import { Link } from '../../app/router.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { NotFoundPage } from '../../app/not-found-page.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { useDelayedFlag } from '../../lib/use-delayed-flag.js';
import { getProject, projectLanguages } from '../projects/projects-api.js';
import { ReviewMarks, ReviewPanel, ReviewToolbar, useChapterReview, useReviewKeys } from '../review/index.js';
import { ColumnPicker } from '../editor/column-picker.js';
import { useVisibleColumns } from '../editor/columns.js';
import { useSession } from '../../app/session-store.js';
import { documentTitle, listDocuments, listFootnotes } from './editions-api.js';
import { FootnoteRefLink, footnoteLabel } from './footnote-refs.js';
import { FootnotesSection } from './footnotes-section.js';
import type { RenderFootnoteRef } from './inline-content.js';
import { SegmentRow } from './segment-row.js';
import { useSegmentWindows } from './use-segment-windows.js';

const NO_NOTES: FootnoteView[] = [];

/**
 * `/projects/:slug/documents/:documentId/review`: a chapter in parallel columns as the rows have it,
 * for review (decisions, history, comments). Writing happens in the editor at the chapter's own address.
 */
export function ChapterReaderPage({ slug, documentId }: { slug: string; documentId: string }) {
  const { t } = useTranslation();
  const context = useResource(
    async (signal) => {
      const [project, documents] = await Promise.all([getProject(slug, signal), listDocuments(slug, signal)]);
      return { project, documents };
    },
    [slug],
  );
  const showLoading = useDelayedFlag(context.status === 'loading', 250);

  if (context.status === 'loading') {
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
  const { project, documents } = context.data;
  const index = documents.findIndex((document) => document.id === documentId);
  const document = documents[index];
  if (!document) return <NotFoundPage />;
  return (
    <Reader
      key={`${project.id}/${document.id}`}
      project={project}
      document={document}
      previous={documents[index - 1] ?? null}
      next={documents[index + 1] ?? null}
    />
  );
}

function Reader({
  project,
  document,
  previous,
  next,
}: {
  project: ProjectSummary;
  document: DocumentSummary;
  previous: DocumentSummary | null;
  next: DocumentSummary | null;
}) {
  const { t } = useTranslation();
  const uiLanguage = currentLanguage();
  const languageName = useLanguageNames(uiLanguage);
  const languages = useMemo(() => projectLanguages(project), [project]);
  const session = useSession();
  const userId = session.status === 'signed-in' ? (session.user?.id ?? '') : '';
  const [columns, setColumns] = useVisibleColumns(userId, project.id, languages);
  const title = documentTitle(document, uiLanguage, project.sourceLanguage);
  useDocumentTitle(title.text);

  const windows = useSegmentWindows(project.id, document.id, languages);
  const review = useChapterReview(project, document.id);
  const rows = review.visible(windows.segments);
  const selectedSegment = rows.find((segment) => segment.id === review.selected) ?? null;
  const moveSelection = useReviewKeys(review, rows);
  const footnotes = useResource((signal) => listFootnotes(project.id, document.id, signal), [project.id, document.id]);
  const notes: FootnoteView[] = footnotes.status === 'ready' ? footnotes.data : NO_NOTES;
  const notesById = useMemo(() => new Map(notes.map((note) => [note.id, note])), [notes]);

  // One renderer per language, stable while the notes are, so rows that did not change stay memoised.
  const renderRef = useCallback(
    (language: string): RenderFootnoteRef =>
      (footnoteId) => <FootnoteRefLink footnoteId={footnoteId} label={footnoteLabel(notesById.get(footnoteId), language, project.sourceLanguage)} />,
    [notesById, project.sourceLanguage],
  );

  const projectPath = `/projects/${encodeURIComponent(project.slug)}`;
  const chapterPath = (target: DocumentSummary) => `${projectPath}/documents/${target.id}`;
  const loaded = windows.segments.length;
  const complete = windows.total !== null && loaded >= windows.total;
  const gridStyle = { '--columns': columns.length } as CSSProperties;

  const columnHeaders = (
    <div role="row" className="reader__row reader__row--header">
      {columns.map((language) => (
        <div role="columnheader" key={language} className="reader__column-header" data-language={language}>
          {languageName(language)}
          {language === project.sourceLanguage && <span className="reader__column-role"> · {t('reader.source')}</span>}
        </div>
      ))}
    </div>
  );

  return (
    <article className="page reader-page" aria-labelledby="chapter-title">
      <nav className="breadcrumbs" aria-label={t('reader.breadcrumbs')}>
        <Link to="/projects">{t('projects.title')}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={projectPath}>{project.title}</Link>
        <span aria-hidden="true"> · </span>
        <Link to={`${projectPath}/documents/${document.id}`} data-testid="open-editor">
          {t('editor.openEditor')}
        </Link>
      </nav>
      <header className="page__header reader-page__header">
        <div className="reader-page__heading">
          <p className="eyebrow">{t(`documentKinds.${document.kind}`)}</p>
          <h1 id="chapter-title" className="page__title" lang={title.lang}>
            {title.text}
          </h1>
          <p className="muted">
            {t('reader.counts', { segments: document.segmentCount, footnotes: document.footnoteCount })}
          </p>
        </div>
        <ColumnPicker languages={languages} sourceLanguage={project.sourceLanguage} visible={columns} onChange={setColumns} />
      </header>

      {project.targetLanguages.length > 0 && (
        <ReviewToolbar project={project} documentId={document.id} review={review} segments={windows.segments} shown={rows.length} total={windows.total} />
      )}

      <div className={`reader-layout${selectedSegment ? ' reader-layout--panel' : ''}`}>
      <div className="reader-scroll">
        <div
          role="table"
          className="reader"
          style={gridStyle}
          aria-labelledby="chapter-title"
          aria-rowcount={windows.total !== null ? windows.total + 1 : -1}
          aria-busy={windows.loading}
          data-testid="reader"
        >
          {columnHeaders}
          {rows.map((segment) => (
            <SegmentRow
              key={segment.id}
              segment={segment}
              columns={columns}
              sourceLanguage={project.sourceLanguage}
              renderRef={renderRef}
              selected={segment.id === review.selected}
              onSelect={project.targetLanguages.length > 0 ? review.select : undefined}
              decorate={(language) => <ReviewMarks review={review} segment={segment} language={language} />}
            />
          ))}
        </div>
      </div>
      {selectedSegment && (
        <ReviewPanel project={project} documentId={document.id} review={review} segment={selectedSegment} onNext={() => moveSelection(1)} />
      )}
      </div>

      <LoadMore
        loaded={loaded}
        total={windows.total}
        loading={windows.loading}
        complete={complete}
        error={windows.error?.message ?? null}
        onLoadMore={windows.loadMore}
      />

      {complete && footnotes.status === 'error' && (
        <p className="alert" role="alert">
          {t('reader.notesFailed')} {footnotes.error.message}
        </p>
      )}
      {/* The notes follow the text, as in the book: shown once the whole chapter is here. */}
      {complete && (
        <FootnotesSection
          footnotes={notes}
          columns={columns}
          sourceLanguage={project.sourceLanguage}
          columnHeaders={columnHeaders}
          renderRef={renderRef}
        />
      )}

      <nav className="chapter-nav" aria-label={t('reader.chapterNav')}>
        {previous ? (
          <Link to={chapterPath(previous)} rel="prev">
            ← {documentTitle(previous, uiLanguage, project.sourceLanguage).text}
          </Link>
        ) : (
          <span />
        )}
        {next && (
          <Link to={chapterPath(next)} rel="next">
            {documentTitle(next, uiLanguage, project.sourceLanguage).text} →
          </Link>
        )}
      </nav>
    </article>
  );
}

/**
 * Fetches the next window when the reader nears the end of what is loaded (an observer on this
 * element), and offers a button for the same, for keyboards and for browsers that scroll oddly.
 */
function LoadMore({
  loaded,
  total,
  loading,
  complete,
  error,
  onLoadMore,
}: {
  loaded: number;
  total: number | null;
  loading: boolean;
  complete: boolean;
  error: string | null;
  onLoadMore(): void;
}) {
  const { t } = useTranslation();
  const sentinel = useRef<HTMLDivElement>(null);
  const showLoading = useDelayedFlag(loading, 200);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || complete || error || total === null) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoadMore();
      },
      { rootMargin: '0px 0px 800px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [complete, error, total, loaded, onLoadMore]);

  if (total === null && !error) {
    return showLoading ? (
      <p className="status-message" role="status">
        {t('reader.loadingSegments')}
      </p>
    ) : null;
  }
  if (total === 0) return <p className="empty-state">{t('reader.emptyChapter')}</p>;
  return (
    <div ref={sentinel} className="load-more" data-testid="load-more">
      {total !== null && !complete && (
        <p className="muted" role="status">
          {t('reader.loaded', { loaded, total })}
        </p>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {!complete && (
        <button type="button" className="button" onClick={onLoadMore} aria-disabled={loading}>
          {loading && showLoading ? t('reader.loadingMore') : t('reader.loadMore')}
        </button>
      )}
    </div>
  );
}
