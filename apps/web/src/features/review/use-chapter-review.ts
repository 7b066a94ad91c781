import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ChapterReviewState, type DocumentProgress, type ProjectSummary, roleAllows, type SegmentView } from '#libs/contracts';
import { listSegments } from '../editions/editions-api.js';
import { projectLanguages } from '../projects/projects-api.js';
import { getChapterProgress, getChapterReview, getSegment } from './review-api.js';
import { matchesFilter, type ReviewFilter } from './filters.js';
import { useReviewFeed } from './use-review-feed.js';

export interface ChapterReview {
  /** The language under review (a target language). */
  language: string;
  setLanguage(language: string): void;
  filter: ReviewFilter;
  setFilter(filter: ReviewFilter): void;
  state: ChapterReviewState | null;
  progress: DocumentProgress | null;
  /** The freshest copy of a segment: one fetched after a notice or a decision, else the reader's. */
  fresh(segment: SegmentView): SegmentView;
  /** Segments that pass the filter, in the freshest copies. */
  visible(segments: SegmentView[]): SegmentView[];
  selected: string | null;
  select(segmentId: string | null): void;
  /** A decision or edit answered with the segment: show it at once, refresh the rest. */
  updated(segment: SegmentView): void;
  refresh(): void;
  /** Bumped when comments of a segment changed (the panel refetches). */
  commentsVersion: number;
  can: { decide: boolean; edit: boolean; comment: boolean };
}

/**
 * The review state of one chapter in the reader (and the editor): what the filters need, the
 * progress, fresh copies of segments whose status changed, and the selected segment. Live: the
 * chapter's review feed says what changed, and only that is fetched again.
 */
export function useChapterReview(project: ProjectSummary, documentId: string): ChapterReview {
  const [language, setLanguage] = useState(project.targetLanguages[0] ?? project.sourceLanguage);
  const [filter, setFilter] = useState<ReviewFilter>('all');
  const [state, setState] = useState<ChapterReviewState | null>(null);
  const [progress, setProgress] = useState<DocumentProgress | null>(null);
  const [overrides, setOverrides] = useState<ReadonlyMap<string, SegmentView>>(new Map());
  const [selected, setSelected] = useState<string | null>(null);
  const [commentsVersion, setCommentsVersion] = useState(0);
  const pending = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    Promise.all([getChapterReview(project.id, documentId, controller.signal), getChapterProgress(project.id, documentId, controller.signal)]).then(
      ([review, chapterProgress]) => {
        if (controller.signal.aborted) return;
        setState(review);
        setProgress(chapterProgress);
      },
      () => undefined,
    );
  }, [project.id, documentId]);

  useEffect(() => {
    refresh();
    return () => pending.current?.abort();
  }, [refresh]);

  const updated = useCallback(
    (segment: SegmentView) => {
      setOverrides((previous) => new Map(previous).set(segment.id, segment));
      refresh();
    },
    [refresh],
  );

  const refetch = useCallback(
    (segmentIds: string[]) => {
      if (segmentIds.length <= 20) {
        for (const id of segmentIds) getSegment(project.id, documentId, id).then(updated, () => undefined);
        if (!segmentIds.length) refresh();
        return;
      }
      // Many at once (a bulk approval): the chapter's windows in a few requests instead of one per segment.
      const wanted = new Set(segmentIds);
      void (async () => {
        const fetched: SegmentView[] = [];
        for (let offset = 0; ; offset += 500) {
          const page = await listSegments(project.id, documentId, { offset, limit: 500, languages: projectLanguages(project) });
          fetched.push(...page.items.filter((s) => wanted.has(s.id)));
          if (offset + page.items.length >= page.total || page.items.length === 0) break;
        }
        setOverrides((previous) => {
          const next = new Map(previous);
          for (const s of fetched) next.set(s.id, s);
          return next;
        });
        refresh();
      })().catch(() => undefined);
    },
    [project, documentId, updated, refresh],
  );

  useReviewFeed(
    project.id,
    documentId,
    (event) => {
      if (event.kind === 'variants') refetch(event.segmentIds);
      else {
        setCommentsVersion((v) => v + 1);
        refresh();
      }
    },
    () => {
      // Notices may have been missed while the stream was down: everything shown may be stale.
      setOverrides(new Map());
      setCommentsVersion((v) => v + 1);
      refresh();
    },
  );

  const fresh = useCallback((segment: SegmentView) => {
    const newer = overrides.get(segment.id);
    return newer && newer !== segment ? newer : segment;
  }, [overrides]);

  const visible = useCallback(
    (segments: SegmentView[]) => segments.map(fresh).filter((s) => s.id === selected || matchesFilter(s, language, filter, state)),
    [fresh, language, filter, state, selected],
  );

  const can = useMemo(
    () => ({
      decide: roleAllows(project.role, 'review.decide'),
      edit: roleAllows(project.role, 'content.edit'),
      comment: roleAllows(project.role, 'comments.write'),
    }),
    [project.role],
  );

  return { language, setLanguage, filter, setFilter, state, progress, fresh, visible, selected, select: setSelected, updated, refresh, commentsVersion, can };
}
