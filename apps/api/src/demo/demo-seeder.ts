import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AuthUser } from '../common/guards/request-context.js';
import { ImportsService } from '../imports/imports.service.js';
import { ProjectsService } from '../projects/projects.service.js';
import { Segment } from '../segments/segment.entity.js';
import { contentHash } from '../variants/content-hash.js';
import { VariantWriter, type VariantWrite } from '../variants/variant-writer.js';
import { UsersService } from '../users/users.service.js';
import { DEMO_SOURCE_MARKDOWN, DEMO_TRANSLATIONS } from './demo-chapter.js';
import { demoInline } from './demo-inline.js';

export const DEMO_ADMIN_EMAIL = 'admin@interlinea.local';
export const DEMO_PROJECT_SLUG = 'demo-edition';
export const DEMO_PROJECT_TITLE = 'The Archive and the Street: A Demo Edition';

export interface SeedResult {
  created: boolean;
  adminEmail: string;
  adminPassword: string | null;
  projectSlug: string;
  projectTitle: string;
}

/**
 * First run: when the database has no user at all, create an administrator with a random password
 * and a demo edition, so a newcomer can sign in and open something at once. The credentials are
 * printed and also kept in the data directory (mode 0600) in case the console scrolled away.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly projects: ProjectsService,
    private readonly imports: ImportsService,
    private readonly variants: VariantWriter,
  ) {}

  async seedIfEmpty(): Promise<SeedResult> {
    const base = { adminEmail: DEMO_ADMIN_EMAIL, projectSlug: DEMO_PROJECT_SLUG, projectTitle: DEMO_PROJECT_TITLE };
    if ((await this.users.count()) > 0) return { ...base, created: false, adminPassword: null };
    const adminPassword = randomBytes(9).toString('base64url');
    const admin = await this.users.create({
      email: DEMO_ADMIN_EMAIL,
      displayName: 'Administrator',
      password: adminPassword,
      isAdmin: true,
    });
    const creator: AuthUser = { ...admin, via: 'access-token' };
    await this.projects.create(creator, {
      slug: DEMO_PROJECT_SLUG,
      title: DEMO_PROJECT_TITLE,
      sourceLanguage: 'en',
      targetLanguages: ['ru', 'de'],
    });
    const access = await this.projects.access(creator, DEMO_PROJECT_SLUG);
    await this.imports.importBook(access, creator, new TextEncoder().encode(DEMO_SOURCE_MARKDOWN), 'en');
    await this.writeTranslations(access.project.id, admin.id);
    this.keepCredentials(adminPassword);
    this.logger.log(`Created the administrator ${DEMO_ADMIN_EMAIL} and the demo edition ${DEMO_PROJECT_SLUG}`);
    return { ...base, created: true, adminPassword };
  }

  /** The demo's Russian and German texts, in the states given in demo-chapter.ts. */
  private async writeTranslations(projectId: string, adminId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [chapter] = (await tx.query(`SELECT id FROM documents WHERE project_id = $1 ORDER BY position LIMIT 1`, [projectId])) as {
        id: string;
      }[];
      if (!chapter) throw new Error('the demo chapter was not imported');
      const segments = await tx.find(Segment, { where: { documentId: chapter.id }, order: { position: 'ASC' } });
      const footnotes = (await tx.query(`SELECT id FROM footnotes WHERE document_id = $1 ORDER BY position`, [chapter.id])) as {
        id: string;
      }[];
      const footnoteIds = footnotes.map((f) => f.id);
      const main = segments.filter((x) => !x.footnoteId);
      const bodyOf = (n: number): Segment | undefined => segments.find((x) => x.footnoteId === footnoteIds[n - 1]);
      const writes: VariantWrite[] = [];
      const at = new Date();
      for (const [language, translation] of Object.entries(DEMO_TRANSLATIONS)) {
        const items = [
          ...translation.segments.map((t) => ({ segment: main[t.index], ...t })),
          ...translation.footnotes.map((t) => ({ segment: bodyOf(t.number), ...t })),
        ];
        for (const item of items) {
          if (!item.segment) throw new Error(`the demo chapter has no segment for a ${language} translation`);
          const content = demoInline(item.text, footnoteIds);
          // The demo shows approved texts as if a reviewer (the administrator) had approved them.
          writes.push(
            item.status === 'approved'
              ? { segmentId: item.segment.id, language, content, approve: { hash: contentHash(content), by: adminId, at } }
              : { segmentId: item.segment.id, language, content, status: item.status },
          );
        }
      }
      await this.variants.write(tx, { projectId, documentId: chapter.id, actorId: adminId, source: 'system' }, writes);
    });
  }

  private keepCredentials(password: string): void {
    const file = join(this.config.dataDir, 'first-run-credentials.txt');
    try {
      writeFileSync(file, `email: ${DEMO_ADMIN_EMAIL}\npassword: ${password}\n`, { mode: 0o600 });
    } catch (error) {
      this.logger.warn(`Could not write ${file}: ${String(error)}`);
    }
  }
}
