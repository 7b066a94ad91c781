import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { renderMarkdown } from '#libs/book-import';
import { CollaborationService } from '../collaboration/collaboration.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProjectAccess } from '../common/guards/request-context.js';
import { loadEdition } from './edition-loader.js';

export interface MarkdownExport {
  filename: string;
  markdown: string;
}

@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly collab: CollaborationService,
  ) {}

  /** One language of the edition as Markdown that the importer reads back to the same structure. */
  async markdown(access: ProjectAccess, language: string): Promise<MarkdownExport> {
    if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
    await this.collab.flushProject(access.project.id);
    const book = await this.db.transaction('REPEATABLE READ', (tx) => loadEdition(tx, access.project, language));
    return { filename: `${access.project.slug}.${language}.md`, markdown: renderMarkdown(book, language) };
  }
}
