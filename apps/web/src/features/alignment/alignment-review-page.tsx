import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOW_CONFIDENCE, type AlignmentConfirmResult, type AlignmentView, type ProposalOperation, type ProjectSummary } from '#libs/contracts';
import { NotFoundPage } from '../../app/not-found-page.js';
import { Link, navigate } from '../../app/router.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { ApiError } from '../../lib/api.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { LoadFailed } from '../../lib/load-status.js';
import { useResource } from '../../lib/use-resource.js';
import { getProject } from '../projects/projects-api.js';
import { adjustAlignment, confirmAlignment, discardAlignment, getAlignment } from './alignment-api.js';
import { reviewOrder, type ReviewOrder } from './review-order.js';

/** `/projects/:slug/alignments/:id`: review an aligned translation bead by bead, then confirm it. */
export function AlignmentReviewPage({ slug, alignmentId }: { slug: string; alignmentId: string }) {
  const { t } = useTranslation();
  const project = useResource((signal) => getProject(slug, signal), [slug]);
  useDocumentTitle(t('alignment.reviewTitle'));
  if (project.status === 'loading') return null;
  if (project.status === 'error') {
    if (project.error.status === 404) return <NotFoundPage />;
    return <LoadFailed title={t('projectPage.loadFailed')} error={project.error} onRetry={project.reload} />;
  }
  return <Review project={project.data} alignmentId={alignmentId} />;
}

/** The keys of the one-key actions (also shown on their buttons). */
const KEYS = { accept: 'a', shiftUp: 'u', shiftDown: 'd', merge: 'm', split: 's' } as const;

function Review({ project, alignmentId }: { project: ProjectSummary; alignmentId: string }) {
  const { t } = useTranslation();
  const languageName = useLanguageNames(currentLanguage());
  const loaded = useResource((signal) => getAlignment(project.id, alignmentId, signal), [project.id, alignmentId]);
  const [view, setView] = useState<AlignmentView | null>(null);
  const [documentIndex, setDocumentIndex] = useState(0);
  const [order, setOrder] = useState<ReviewOrder>('doubtful');
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<AlignmentConfirmResult | null>(null);
  const list = useRef<HTMLOListElement>(null);

  // The loaded proposal seeds the page once; after that the answers to the reviewer's actions do.
  const loadedView = loaded.status === 'ready' ? loaded.data : null;
  useEffect(() => {
    if (loadedView) setView(loadedView);
  }, [loadedView]);

  const doc = view?.proposal.documents[documentIndex] ?? null;
  // The order is fixed when the document or the ordering changes, not after every action, so the
  // reviewer's place in the list does not jump while they work through it.
  const [orderKey, setOrderKey] = useState(0);
  const rows = useMemo(() => (doc ? reviewOrder(doc.beads, order) : []), [doc?.documentId, order, orderKey, doc?.beads.length]);
  const current = rows[selected] ?? null;

  const act = useCallback(
    async (operation: ProposalOperation) => {
      if (!view || busy || view.status !== 'open') return;
      setBusy(true);
      setError(null);
      try {
        const next = await adjustAlignment(project.id, view.id, documentIndex, view.revision, [operation]);
        setView(next);
        if (operation.op === 'merge' || operation.op === 'split') setOrderKey((k) => k + 1);
        if (operation.op === 'accept') setSelected((s) => Math.min(s + 1, rows.length - 1));
      } catch (e) {
        setError(e instanceof ApiError ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [view, busy, project.id, documentIndex, rows.length],
  );

  const operationFor = useCallback(
    (key: keyof typeof KEYS, bead: number): ProposalOperation => {
      if (key !== 'split') return { op: key, bead };
      const b = doc!.beads[bead]!;
      // "Split here": the bead's first source sentence with its first translation sentence, the rest after.
      return { op: 'split', bead, source: Math.min(1, b.source.length), target: Math.min(1, b.target.length) };
    },
    [doc],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.target instanceof HTMLTextAreaElement) return;
      if (event.metaKey || event.ctrlKey || event.altKey || current === null) return;
      if (event.key === 'ArrowDown' || event.key === 'j') {
        event.preventDefault();
        setSelected((s) => Math.min(s + 1, rows.length - 1));
        return;
      }
      if (event.key === 'ArrowUp' || event.key === 'k') {
        event.preventDefault();
        setSelected((s) => Math.max(s - 1, 0));
        return;
      }
      const action = (Object.keys(KEYS) as (keyof typeof KEYS)[]).find((k) => KEYS[k] === event.key.toLowerCase());
      if (action) {
        event.preventDefault();
        void act(operationFor(action, current));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [act, operationFor, current, rows.length]);

  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, rows]);

  if (loaded.status === 'error') {
    if (loaded.error.status === 404) return <NotFoundPage />;
    return <LoadFailed title={t('alignment.loadFailed')} error={loaded.error} onRetry={loaded.reload} />;
  }
  if (!view || !doc) return null;

  const summary = view.summary;
  const reviewedShare = summary.beads ? Math.round(((summary.beads - summary.lowConfidence) / summary.beads) * 100) : 100;
  const open = view.status === 'open' && !confirmed;

  const onConfirm = async () => {
    setBusy(true);
    setError(null);
    try {
      setConfirmed(await confirmAlignment(project.id, view.id));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const onDiscard = async () => {
    setBusy(true);
    try {
      await discardAlignment(project.id, view.id);
      navigate(`/projects/${encodeURIComponent(project.slug)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <section className="page alignment-review" aria-labelledby="alignment-title">
      <nav className="breadcrumbs" aria-label={t('reader.breadcrumbs')}>
        <Link to="/projects">{t('projects.title')}</Link> › <Link to={`/projects/${encodeURIComponent(project.slug)}`}>{project.title}</Link>
      </nav>
      <header className="alignment-review__header">
        <div>
          <h1 id="alignment-title" className="page__title">
            {t('alignment.reviewTitle')}
          </h1>
          <p className="muted">
            {t('alignment.reviewIntro', { file: view.filename ?? '', language: languageName(view.language) })}
          </p>
        </div>
        <div className="alignment-review__actions">
          {open && (
            <>
              <button type="button" className="button button--quiet" onClick={onDiscard} aria-disabled={busy}>
                {t('alignment.discard')}
              </button>
              <button type="button" className="button button--primary" onClick={onConfirm} aria-disabled={busy} data-testid="alignment-confirm">
                {t('alignment.confirm')}
              </button>
            </>
          )}
        </div>
      </header>

      <div className="progress" data-testid="alignment-reviewed">
        <div className="progress__label">
          <span>{t('alignment.doubtful', { count: summary.lowConfidence, beads: summary.beads })}</span>
          <span className="progress__percent">{t('imports.percent', { percent: reviewedShare })}</span>
        </div>
        <div className="progress__track" role="progressbar" aria-label={t('alignment.reviewedBar')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={reviewedShare}>
          <div className="progress__bar" style={{ width: `${reviewedShare}%` }} />
        </div>
      </div>

      {confirmed && (
        <div className="alert alert--success" role="status" data-testid="alignment-confirmed">
          {t('alignment.confirmed', { variants: confirmed.variants, notes: confirmed.notes })}{' '}
          <Link to={`/projects/${encodeURIComponent(project.slug)}`}>{t('alignment.backToEdition')}</Link>
        </div>
      )}
      {!open && !confirmed && <div className="alert">{t('alignment.closed')}</div>}
      {error && (
        <div className="alert" role="alert">
          {error}
        </div>
      )}

      <div className="alignment-review__toolbar">
        {view.proposal.documents.length > 1 && (
          <label>
            {t('alignment.document')}{' '}
            <select
              value={documentIndex}
              onChange={(e) => {
                setDocumentIndex(Number(e.target.value));
                setSelected(0);
              }}
            >
              {view.proposal.documents.map((d, i) => (
                <option key={d.documentId} value={i}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('alignment.order')}{' '}
          <select
            value={order}
            onChange={(e) => {
              setOrder(e.target.value as ReviewOrder);
              setSelected(0);
            }}
          >
            <option value="doubtful">{t('alignment.orderDoubtful')}</option>
            <option value="reading">{t('alignment.orderReading')}</option>
          </select>
        </label>
        {open && current !== null && (
          <div className="alignment-review__keys" role="group" aria-label={t('alignment.actions')}>
            {(Object.keys(KEYS) as (keyof typeof KEYS)[]).map((k) => (
              <button key={k} type="button" className="button" onClick={() => void act(operationFor(k, current))} aria-disabled={busy} data-testid={`alignment-${k}`}>
                <kbd>{KEYS[k]}</kbd> {t(`alignment.op.${k}`)}
              </button>
            ))}
          </div>
        )}
      </div>
      <p className="muted alignment-review__hint">{t('alignment.keysHint')}</p>

      <div className="alignment-review__columns" aria-hidden="true">
        <span>{languageName(project.sourceLanguage)}</span>
        <span>{languageName(view.language)}</span>
      </div>
      <ol className="alignment-review__beads" ref={list} role="listbox" aria-label={t('alignment.beads')} data-testid="alignment-beads">
        {rows.map((index, row) => {
          const bead = doc.beads[index]!;
          const low = !bead.reviewed && bead.confidence < LOW_CONFIDENCE;
          return (
            <li
              key={`${index}-${bead.source[0]?.segmentId ?? ''}-${bead.source[0]?.sentence ?? ''}`}
              role="option"
              aria-selected={row === selected}
              className={`bead${row === selected ? ' bead--selected' : ''}${low ? ' bead--low' : ''}${bead.reviewed ? ' bead--reviewed' : ''}`}
              onClick={() => setSelected(row)}
              data-confidence={bead.confidence}
            >
              <div className="bead__side">{bead.source.length ? bead.source.map((s, i) => <p key={i}>{s.text}</p>) : <p className="muted">{t('alignment.nothing')}</p>}</div>
              <div className="bead__side">{bead.target.length ? bead.target.map((s, i) => <p key={i}>{s.text}</p>) : <p className="muted">{t('alignment.nothing')}</p>}</div>
              <div className="bead__meta">
                <span className="bead__shape">
                  {bead.source.length}:{bead.target.length}
                </span>
                <span className="bead__confidence">{bead.reviewed ? t('alignment.reviewed') : t('imports.percent', { percent: Math.round(bead.confidence * 100) })}</span>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
