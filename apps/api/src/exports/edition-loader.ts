import type { EntityManager } from 'typeorm';
import type { Book, BookSegment } from '#libs/book-import';
import { readChapterRows, type SegmentRows } from '../documents/chapter-rows.js';
import type { Project } from '../projects/project.entity.js';

/**
 * Reads a whole edition in one language as the importer's Book, the shape every exporter renders.
 * A segment without a variant in that language is kept with empty content, so structure survives.
 */
export async function loadEdition(manager: EntityManager, project: Project, language: string): Promise<Book> {
  const documents = await readChapterRows(manager, { projectId: project.id }, [language]);
  const isSource = language === project.sourceLanguage;
  const toSegment = (s: SegmentRows): BookSegment => ({
    id: s.id,
    kind: s.kind,
    ...(s.kind === 'heading' ? { level: s.level ?? 1 } : {}),
    language: isSource ? (s.language ?? language) : language,
    content: s.variants[language] ?? [],
    pages: s.pages,
  });
  return {
    language,
    title: project.title,
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      title: d.titles[language] ?? d.titles[project.sourceLanguage] ?? Object.values(d.titles)[0] ?? '',
      segments: d.segments.map(toSegment),
      footnotes: d.footnotes.map((f) => ({
        id: f.id,
        label: f.labels[language] ?? f.labels[project.sourceLanguage] ?? String(f.position + 1),
        body: f.body.map(toSegment),
      })),
    })),
  };
}
