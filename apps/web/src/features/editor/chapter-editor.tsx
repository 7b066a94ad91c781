import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { DocumentSummary, ProjectSummary, UserSummary, VariantStatus } from '#libs/contracts';
import { Link } from '../../app/router.js';
import { sessionStore } from '../../app/session-store.js';
import { useDocumentTitle } from '../../app/use-document-title.js';
import { userColour, usePeople, type Person } from '../../collab/presence.js';
import { useChapterConnection, useConnectionState, useUnsavedWarning } from '../../collab/use-chapter-connection.js';
import { currentLanguage } from '../../i18n/i18n.js';
import { useLanguageNames } from '../../lib/language-names.js';
import { documentTitle } from '../editions/editions-api.js';
import { projectLanguages } from '../projects/projects-api.js';
import type { CellCommands } from './cell-editor.js';
import { isBlank, referencesIn, segmentText, useChapterStructure, type ChapterStructure } from './chapter-structure.js';
import { ColumnPicker } from './column-picker.js';
import { useVisibleColumns } from './columns.js';
import { canEditStructure, readOnlyReason, type ReadOnlyReason } from './edit-rights.js';
import { fetchCollabToken, getSegment, listAllSegments, markTranslated } from './editor-api.js';
import { ConnectionBadge, PresenceBar } from './editor-status.js';
import { FootnotePanel } from './footnote-panel.js';
import { HelpOverlay } from './help-overlay.js';
import type { Quill } from './quill-setup.js';
import { SegmentRow } from './segment-row.js';
import { StructureToolbar } from './structure-toolbar.js';

/** Pause in the chapter's changes after which statuses are read again (the rows follow within ~1 s). */
const STATUS_REFRESH_MS = 2_500;

export interface FocusTarget {
  segmentId: string;
  language: string;
  at: 'start' | 'end';
  /** Distinguishes two requests for the same cell. */
  seq: number;
}

export interface ActiveCell {
  segmentId: string;
  language: string;
  quill: Quill;
  /** Where the caret was when the cell was last focused (toolbar buttons take the focus away). */
  lastRange(): { index: number; length: number };
}

/**
 * What the rows know and the live document does not: statuses (PostgreSQL keeps them) and the
 * language of a source text that is not the edition's (a quoted document, a facsimile's OCR text).
 */
export interface RowFacts {
  statuses: Partial<Record<string, VariantStatus>>;
  language: string | null;
}
type Statuses = Map<string, RowFacts>;

export function ChapterEditor({
  project,
  document: chapter,
  user,
  memberLanguages,
  onRightsChanged,
  previous,
  next,
}: {
  project: ProjectSummary;
  document: DocumentSummary;
  user: UserSummary;
  memberLanguages: string[] | null;
  /** The server says this person's role or languages changed: read them again. */
  onRightsChanged(): void;
  previous: DocumentSummary | null;
  next: DocumentSummary | null;
}) {
  const { t } = useTranslation();
  const uiLanguage = currentLanguage();
  const languageName = useLanguageNames(uiLanguage);
  const languages = useMemo(() => projectLanguages(project), [project]);
  const [columns, setColumns] = useVisibleColumns(user.id, project.id, languages);
  const title = documentTitle(chapter, uiLanguage, project.sourceLanguage);
  useDocumentTitle(title.text || t('editor.untitled'));

  // A new copy of the chapter after the server rebuilt it (the old one cannot be merged).
  const [epoch, setEpoch] = useState(0);
  const connection = useChapterConnection({
    epoch,
    documentId: chapter.id,
    userId: user.id,
    fetchToken: () => fetchCollabToken(project.id, chapter.id),
    user: { id: user.id, name: user.displayName, color: userColour(user.id) },
  });
  const state = useConnectionState(connection);
  useUnsavedWarning(!state.saved);
  // The server refused something of ours: this copy can never be stored. Start again from the server's.
  useEffect(() => {
    if (state.fatal === 'signedOut') sessionStore.signOut({ expired: true });
    if (state.fatal === 'refused' && connection) void connection.discardOfflineCopy();
    if (state.fatal === 'replaced' && connection) {
      void connection.discardOfflineCopy().then(() => {
        setReplaced(true);
        setEpoch((n) => n + 1);
      });
    }
  }, [state.fatal, connection]);
  const [replaced, setReplaced] = useState(false);
  useEffect(() => {
    if (state.rightsChanged > 0) onRightsChanged();
    // Only the count matters; the callback is the page's reload.
  }, [state.rightsChanged]);

  if (!connection) return null;
  return (
    <EditorBody
      key={`${chapter.id}/${epoch}`}
      project={project}
      chapter={chapter}
      connection={connection}
      state={state}
      columns={columns}
      setColumns={setColumns}
      languages={languages}
      languageName={languageName}
      memberLanguages={memberLanguages}
      title={title}
      replaced={replaced}
      previous={previous}
      next={next}
      t={t}
    />
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function EditorBody({
  project,
  chapter,
  connection,
  state,
  columns,
  setColumns,
  languages,
  languageName,
  memberLanguages,
  title,
  replaced,
  previous,
  next,
  t,
}: {
  project: ProjectSummary;
  chapter: DocumentSummary;
  connection: NonNullable<ReturnType<typeof useChapterConnection>>;
  state: ReturnType<typeof useConnectionState>;
  columns: string[];
  setColumns(next: string[]): void;
  languages: string[];
  languageName(language: string): string;
  memberLanguages: string[] | null;
  title: { text: string; lang: string };
  replaced: boolean;
  previous: DocumentSummary | null;
  next: DocumentSummary | null;
  t: Translate;
}) {
  const { doc, awareness } = connection;
  const structure = useChapterStructure(doc);
  const people = usePeople(awareness);
  const [statuses, setStatuses] = useState<Statuses>(new Map());
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);
  const [active, setActive] = useState<ActiveCell | null>(null);
  const [openNote, setOpenNote] = useState<string | null>(null);
  const [notesList, setNotesList] = useState(false);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusSeq = useRef(0);
  const structureRef = useRef(structure);
  structureRef.current = structure;
  const activeRef = useRef(active);
  activeRef.current = active;

  // Statuses: at open, and again once typing pauses (an edit can let an approval lapse on the server);
  // the live text decides "untranslated" by itself.
  const [statusRound, setStatusRound] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setStatusRound((n) => n + 1), STATUS_REFRESH_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc]);
  useEffect(() => {
    const controller = new AbortController();
    listAllSegments(project.id, chapter.id, controller.signal).then(
      (rows) => {
        const map: Statuses = new Map();
        for (const row of rows) {
          map.set(row.id, { statuses: Object.fromEntries(Object.entries(row.variants).map(([lang, v]) => [lang, v.status])), language: row.language });
        }
        setStatuses(map);
      },
      () => {
        // Without statuses the cells show only whether they are empty.
      },
    );
    return () => controller.abort();
  }, [project.id, chapter.id, statusRound]);

  const reasons = useMemo(() => {
    const out: Record<string, ReadOnlyReason> = {};
    for (const language of languages) out[language] = readOnlyReason(project, memberLanguages, language);
    return out;
  }, [project, memberLanguages, languages]);
  const reasonText = useCallback(
    (language: string): string | null => {
      const reason = reasons[language];
      if (!reason) return null;
      return t(`editor.readOnly.${reason}`, {
        language: languageName(language),
        languages: (memberLanguages ?? []).map(languageName).join(', '),
      });
    },
    [reasons, t, languageName, memberLanguages],
  );

  // Footnote labels: the edition's label in the column's language, else the source's, else its number in the chapter.
  const labelOf = useMemo(() => footnoteLabeller(structure, project.sourceLanguage), [structure, project.sourceLanguage]);
  const references = useReferences(doc, structure, languages);

  const virtualizer = useVirtualizer({
    count: structure.segments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 110,
    // A few rows beyond the view: each row builds one editor per column, the dearest thing on screen.
    overscan: 3,
    getItemKey: (index) => structure.segments[index]?.id ?? index,
  });

  const focusCell = useCallback(
    (segmentId: string, language: string, at: 'start' | 'end') => {
      const index = structureRef.current.segments.findIndex((segment) => segment.id === segmentId);
      if (index < 0) return;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      setFocusTarget({ segmentId, language, at, seq: ++focusSeq.current });
    },
    [virtualizer],
  );

  const cellOrder = useCallback(
    (from: { segmentId: string; language: string }, direction: 1 | -1, sameLanguage: boolean) => {
      const segments = structureRef.current.segments;
      const row = segments.findIndex((segment) => segment.id === from.segmentId);
      if (row < 0) return null;
      if (sameLanguage) {
        const target = segments[row + direction];
        return target ? { segmentId: target.id, language: from.language } : null;
      }
      const column = columns.indexOf(from.language);
      const nextColumn = column + direction;
      if (nextColumn >= 0 && nextColumn < columns.length) return { segmentId: from.segmentId, language: columns[nextColumn]! };
      const target = segments[row + direction];
      if (!target) return null;
      return { segmentId: target.id, language: direction === 1 ? columns[0]! : columns[columns.length - 1]! };
    },
    [columns],
  );

  const commandsFor = useCallback(
    (segmentId: string, language: string): CellCommands => ({
      moveCell: (direction) => {
        const target = cellOrder({ segmentId, language }, direction, false);
        if (target) focusCell(target.segmentId, target.language, direction === 1 ? 'start' : 'end');
      },
      moveRow: (direction) => {
        const target = cellOrder({ segmentId, language }, direction, true);
        if (target) focusCell(target.segmentId, target.language, 'end');
      },
      confirm: () => {
        const segments = structureRef.current.segments;
        const row = segments.findIndex((segment) => segment.id === segmentId);
        const text = segmentText(doc, segmentId, language);
        if (!reasons[language] && language !== project.sourceLanguage && text && text.length > 0) {
          void confirmTranslated(project.id, chapter.id, segmentId, language).then(
            (status) => setStatuses((previousStatuses) => withStatus(previousStatuses, segmentId, language, status)),
            (error: Error) => setNotice(error.message),
          );
        }
        for (let index = row + 1; index < segments.length; index++) {
          const candidate = segments[index]!;
          const status = statuses.get(candidate.id)?.statuses[language];
          if (isBlank(segmentText(doc, candidate.id, language)) || status === undefined || status === 'draft' || status === 'rejected') {
            focusCell(candidate.id, language, 'end');
            return;
          }
        }
      },
      help: () => setHelp(true),
      openFootnote: (footnoteId) => {
        setOpenNote(footnoteId);
        setNotesList(false);
      },
      focused: (quill, lastRange) => {
        // Leaving a cell keeps it active: the toolbar's buttons act on the cell the user just left.
        if (quill) setActive((current) => (current?.quill === quill ? current : { segmentId, language, quill, lastRange }));
      },
    }),
    [cellOrder, focusCell, doc, reasons, project.id, project.sourceLanguage, chapter.id, statuses],
  );

  // `?segment=<id>` (links from the glossary and elsewhere): that segment, once the chapter is here.
  const linked = useRef(new URLSearchParams(window.location.search).get('segment'));
  useEffect(() => {
    const target = linked.current;
    if (!target || !state.loaded || !structure.segments.some((segment) => segment.id === target)) return;
    linked.current = null;
    focusCell(target, columns.find((language) => !reasons[language]) ?? columns[0]!, 'start');
  }, [state.loaded, structure, columns, reasons, focusCell]);

  // `?` outside a text field opens the shortcuts; Escape closes the note panel (focus back in the text).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key === 'Escape' && !event.defaultPrevented && target?.closest('.note-panel')) {
        setOpenNote(null);
        setNotesList(false);
        activeRef.current?.quill.focus();
        return;
      }
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '?' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const peopleBySegment = useMemo(() => {
    const map = new Map<string, Person[]>();
    for (const person of people) {
      if (!person.segmentId) continue;
      map.set(person.segmentId, [...(map.get(person.segmentId) ?? []), person]);
    }
    return map;
  }, [people]);

  const projectPath = `/projects/${encodeURIComponent(project.slug)}`;
  const chapterPath = (target: DocumentSummary) => `${projectPath}/documents/${target.id}`;
  const gridStyle = { '--columns': columns.length } as CSSProperties;
  const items = virtualizer.getVirtualItems();
  const orphans = orphanCounts(structure, references);
  const uiLanguage = currentLanguage();

  return (
    <article className="page editor-page" aria-labelledby="chapter-title" data-testid="chapter-editor">
      <nav className="breadcrumbs" aria-label={t('reader.breadcrumbs')}>
        <Link to="/projects">{t('projects.title')}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={projectPath}>{project.title}</Link>
      </nav>
      <header className="editor-page__header">
        <div className="editor-page__heading">
          <p className="eyebrow">{t(`documentKinds.${chapter.kind}`)}</p>
          <h1 id="chapter-title" className="page__title" lang={title.text ? title.lang : undefined}>
            {title.text || t('editor.untitled')}
          </h1>
        </div>
        <div className="editor-page__state">
          <ConnectionBadge state={state} />
          <PresenceBar people={people} languageName={languageName} />
        </div>
      </header>

      <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
        <ColumnPicker languages={languages} sourceLanguage={project.sourceLanguage} visible={columns} onChange={setColumns} />
        <StructureToolbar
          project={project}
          documentId={chapter.id}
          active={active}
          canStructure={canEditStructure(project)}
          canInsertReference={active ? !reasons[active.language] : false}
          structure={structure}
          labelOf={labelOf}
          onNotice={setNotice}
        />
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={notesList}
          onClick={() => {
            setNotesList((open) => !open);
            setOpenNote(null);
          }}
          data-testid="notes-toggle"
        >
          {t('editor.notes', { count: structure.footnotes.size })}
          {orphans > 0 && (
            <span className="flag" data-testid="orphan-flag">
              {' '}
              · {t('editor.orphans', { count: orphans })}
            </span>
          )}
        </button>
        {project.targetLanguages.length > 0 && (
          <Link className="button button--quiet" to={`${projectPath}/documents/${chapter.id}/review`} data-testid="open-review">
            {t('editor.openReview')}
          </Link>
        )}
        <button type="button" className="button button--quiet" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t('editor.shortcuts')}
        </button>
      </div>

      {notice && (
        <p className="alert" role="alert">
          {notice}{' '}
          <button type="button" className="button button--quiet" onClick={() => setNotice(null)}>
            {t('editor.dismiss')}
          </button>
        </p>
      )}
      {replaced && !state.fatal && (
        <p className="notice" role="status" data-testid="chapter-replaced">
          {t('editor.replacedNotice')}
        </p>
      )}
      {state.fatal && (
        <p className="alert" role="alert" data-testid="connection-fatal">
          {t(`editor.fatal.${state.fatal}`)}{' '}
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('editor.reload')}
          </button>
        </p>
      )}

      <div className={`editor-layout${openNote || notesList ? ' editor-layout--with-panel' : ''}`}>
        <div ref={scrollRef} className="editor-scroll" data-testid="editor-scroll">
          {!state.loaded ? (
            <p className="status-message" role="status">
              {t('reader.loadingSegments')}
            </p>
          ) : structure.segments.length === 0 ? (
            <p className="empty-state">{t('reader.emptyChapter')}</p>
          ) : (
            <div role="table" className="reader editor-grid" style={gridStyle} aria-labelledby="chapter-title" aria-rowcount={structure.segments.length + 1} data-testid="reader">
              <div role="row" className="reader__row reader__row--header editor-grid__header">
                {columns.map((language) => (
                  <div role="columnheader" key={language} className="reader__column-header" data-language={language}>
                    {languageName(language)}
                    {language === project.sourceLanguage && <span className="reader__column-role"> · {t('reader.source')}</span>}
                    {reasons[language] && <span className="reader__column-role"> · {t('editor.readOnlyShort')}</span>}
                  </div>
                ))}
              </div>
              <div className="editor-grid__body" style={{ height: virtualizer.getTotalSize() }}>
                {items.map((item) => {
                  const segment = structure.segments[item.index]!;
                  return (
                    <SegmentRow
                      key={segment.id}
                      index={item.index}
                      measure={virtualizer.measureElement}
                      top={item.start}
                      segment={segment}
                      doc={doc}
                      awareness={awareness}
                      columns={columns}
                      sourceLanguage={project.sourceLanguage}
                      reasons={reasons}
                      reasonText={reasonText}
                      facts={statuses.get(segment.id)}
                      people={peopleBySegment.get(segment.id)}
                      labelOf={labelOf}
                      labelsVersion={structure.version}
                      commandsFor={commandsFor}
                      focusTarget={focusTarget && focusTarget.segmentId === segment.id ? focusTarget : null}
                      languageName={languageName}
                      uiLanguage={uiLanguage}
                    />
                  );
                })}
              </div>
            </div>
          )}
        </div>
        {(openNote || notesList) && (
          <FootnotePanel
            doc={doc}
            awareness={awareness}
            structure={structure}
            references={references}
            footnoteId={openNote}
            columns={columns}
            reasons={reasons}
            reasonText={reasonText}
            labelOf={labelOf}
            languageName={languageName}
            onOpen={(id) => {
              setOpenNote(id);
              setNotesList(false);
            }}
            onClose={() => {
              setOpenNote(null);
              setNotesList(false);
            }}
            commandsFor={commandsFor}
          />
        )}
      </div>

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
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </article>
  );
}

async function confirmTranslated(projectId: string, documentId: string, segmentId: string, language: string): Promise<VariantStatus> {
  const row = await getSegment(projectId, documentId, segmentId);
  const variant = row.variants[language];
  const saved = await markTranslated(projectId, documentId, segmentId, language, {
    content: variant?.content ?? [],
    revision: variant?.revision ?? 0,
  });
  return saved.variants[language]?.status ?? 'translated';
}

function withStatus(statuses: Statuses, segmentId: string, language: string, status: VariantStatus): Statuses {
  const next = new Map(statuses);
  const facts = next.get(segmentId) ?? { statuses: {}, language: null };
  next.set(segmentId, { ...facts, statuses: { ...facts.statuses, [language]: status } });
  return next;
}

/** Where each footnote is referenced: footnote id → languages → count (main flow and note bodies). */
export type References = Map<string, Record<string, number>>;

/** Scans the texts for references, again a moment after typing stops (references are few, texts many). */
function useReferences(doc: Y.Doc, structure: ChapterStructure, languages: string[]): References {
  const [refs, setRefs] = useState<References>(new Map());
  const languageKey = languages.join(',');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const scan = () => {
      const out: References = new Map();
      const ids = [...structure.segments.map((segment) => segment.id), ...[...structure.footnotes.values()].flatMap((note) => note.body)];
      for (const id of ids) {
        for (const language of languageKey.split(',')) {
          const text = segmentText(doc, id, language);
          if (!text) continue;
          for (const footnoteId of referencesIn(text)) {
            const counts = out.get(footnoteId) ?? {};
            counts[language] = (counts[language] ?? 0) + 1;
            out.set(footnoteId, counts);
          }
        }
      }
      setRefs(out);
    };
    scan();
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(scan, 400);
    };
    doc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc, structure, languageKey]);
  return refs;
}

/** Notes nobody refers to, plus references to a note that does not exist. */
function orphanCounts(structure: ChapterStructure, references: References): number {
  let count = 0;
  for (const id of structure.footnotes.keys()) if (!references.has(id)) count++;
  for (const id of references.keys()) if (!structure.footnotes.has(id)) count++;
  return count;
}

function footnoteLabeller(structure: ChapterStructure, sourceLanguage: string) {
  const numbers = new Map([...structure.footnotes.keys()].map((id, index) => [id, String(index + 1)]));
  return (footnoteId: string, language: string): string => {
    const note = structure.footnotes.get(footnoteId);
    if (!note) return '?';
    return note.labels[language] ?? note.labels[sourceLanguage] ?? numbers.get(footnoteId) ?? '?';
  };
}
