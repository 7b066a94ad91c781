import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, In } from 'typeorm';
import { type GlossaryEntryHistoryView, type GlossaryEntryView, type GlossaryView, type Page, type Permission, roleAllows } from '#libs/contracts';
import type { EntryForm, ExchangeEntry } from '#libs/glossary';
import { proposeForms } from '#libs/transliteration';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { HistoryEntry, type HistorySource } from '../history/history-entry.entity.js';
import { HistoryService } from '../history/history.service.js';
import { Project } from '../projects/project.entity.js';
import { ProjectsService } from '../projects/projects.service.js';
import { User } from '../users/user.entity.js';
import type { CreateGlossaryEntryDto, ListGlossaryEntriesQueryDto, UpdateGlossaryEntryDto } from './dto/glossary-entry.dto.js';
import { EditionConventionsService, renderedLanguages, type EditionScheme } from './edition-conventions.service.js';
import { GlossaryEntry } from './glossary-entry.entity.js';
import { toEntryView } from './glossary-views.js';
import { Glossary } from './glossary.entity.js';
import { ProjectGlossary } from './project-glossary.entity.js';

type EntryFields = Omit<ExchangeEntry, 'id'>;

/** Glossaries an edition uses and their entries: CRUD with rights checked in the glossary's own edition, and history. */
@Injectable()
export class GlossaryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projects: ProjectsService,
    private readonly history: HistoryService,
    private readonly conventions: EditionConventionsService,
  ) {}

  /** The edition's own glossary, made (and linked) the first time anyone asks. */
  async ownGlossary(tx: EntityManager, project: Project): Promise<Glossary> {
    const found = await tx.getRepository(Glossary).findOne({ where: { projectId: project.id }, order: { createdAt: 'ASC' } });
    if (found) return found;
    await tx.query(`SELECT 1 FROM projects WHERE id = $1 FOR UPDATE`, [project.id]);
    const again = await tx.getRepository(Glossary).findOne({ where: { projectId: project.id }, order: { createdAt: 'ASC' } });
    if (again) return again;
    const glossary = await tx.save(tx.create(Glossary, { projectId: project.id, name: project.title, description: '' }));
    await tx.insert(ProjectGlossary, { projectId: project.id, glossaryId: glossary.id, position: 0 });
    return glossary;
  }

  /** Ids of every glossary the edition uses, its own first. */
  async glossaryIds(project: Project): Promise<string[]> {
    await this.db.transaction((tx) => this.ownGlossary(tx, project));
    const rows = await this.db.getRepository(ProjectGlossary).find({ where: { projectId: project.id }, order: { position: 'ASC', createdAt: 'ASC' } });
    return rows.map((r) => r.glossaryId);
  }

  async listGlossaries(access: ProjectAccess, user: AuthUser): Promise<GlossaryView[]> {
    const ids = await this.glossaryIds(access.project);
    const rows: { id: string; name: string; description: string; project_id: string; project_title: string; entries: string }[] = await this.db.query(
      `SELECT g.id, g.name, g.description, g.project_id, p.title AS project_title,
              (SELECT count(*) FROM glossary_entries e WHERE e.glossary_id = g.id) AS entries
         FROM glossaries g JOIN projects p ON p.id = g.project_id WHERE g.id = ANY($1)`,
      [ids],
    );
    const views: GlossaryView[] = [];
    for (const id of ids) {
      const r = rows.find((row) => row.id === id)!;
      const glossary = { id: r.id, projectId: r.project_id } as Glossary;
      views.push({
        id: r.id,
        name: r.name,
        description: r.description,
        projectId: r.project_id,
        projectTitle: r.project_title,
        own: r.project_id === access.project.id,
        editable: await this.may(access, user, glossary, 'glossary.edit'),
        entries: Number(r.entries),
      });
    }
    return views;
  }

  async createGlossary(access: ProjectAccess, name: string, description = ''): Promise<Glossary> {
    return this.db.transaction(async (tx) => {
      const position = await tx.countBy(ProjectGlossary, { projectId: access.project.id });
      const glossary = await tx.save(tx.create(Glossary, { projectId: access.project.id, name: name.trim(), description }));
      await tx.insert(ProjectGlossary, { projectId: access.project.id, glossaryId: glossary.id, position });
      return glossary;
    });
  }

  /** Uses another edition's glossary here; the caller must be able to read that edition. */
  async link(access: ProjectAccess, user: AuthUser, glossaryId: string): Promise<void> {
    const glossary = await this.db.getRepository(Glossary).findOneBy({ id: glossaryId });
    if (!glossary) throw new DomainError('GLOSSARY_NOT_FOUND', { glossary: glossaryId });
    if (glossary.projectId !== access.project.id) {
      await this.projects.access(user, glossary.projectId).catch(() => {
        throw new DomainError('GLOSSARY_NOT_FOUND', { glossary: glossaryId });
      });
    }
    const position = (await this.glossaryIds(access.project)).length;
    await this.db.query(`INSERT INTO project_glossaries (project_id, glossary_id, position) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [access.project.id, glossaryId, position]);
  }

  async unlink(access: ProjectAccess, glossaryId: string): Promise<void> {
    const glossary = await this.db.getRepository(Glossary).findOneBy({ id: glossaryId });
    if (!glossary) throw new DomainError('GLOSSARY_NOT_FOUND', { glossary: glossaryId });
    // An edition's own glossaries stay: deleting one would take other editions' links with it.
    if (glossary.projectId === access.project.id) throw new DomainError('PERMISSION_DENIED', { role: access.role });
    const { affected } = await this.db.getRepository(ProjectGlossary).delete({ projectId: access.project.id, glossaryId });
    if (!affected) throw new DomainError('GLOSSARY_NOT_LINKED');
  }

  /** A glossary this edition uses, or GLOSSARY_NOT_FOUND. */
  async usedGlossary(access: ProjectAccess, glossaryId: string | undefined): Promise<Glossary> {
    const ids = await this.glossaryIds(access.project);
    const id = glossaryId ?? ids[0]!;
    if (!ids.includes(id)) throw new DomainError('GLOSSARY_NOT_FOUND', { glossary: id });
    return this.db.getRepository(Glossary).findOneByOrFail({ id });
  }

  /** Whether the caller may do `permission` in the glossary's own edition. */
  private async may(access: ProjectAccess, user: AuthUser, glossary: Pick<Glossary, 'projectId'>, permission: Permission): Promise<boolean> {
    if (glossary.projectId === access.project.id) return roleAllows(access.role, permission);
    try {
      return roleAllows((await this.projects.access(user, glossary.projectId)).role, permission);
    } catch {
      return false;
    }
  }

  async assertMay(access: ProjectAccess, user: AuthUser, glossary: Pick<Glossary, 'projectId'>, permission: Permission): Promise<void> {
    if (!(await this.may(access, user, glossary, permission))) throw new DomainError('PERMISSION_DENIED', { role: access.role });
  }

  async listEntries(access: ProjectAccess, query: ListGlossaryEntriesQueryDto): Promise<Page<GlossaryEntryView>> {
    const ids = query.glossaryId ? [(await this.usedGlossary(access, query.glossaryId)).id] : await this.glossaryIds(access.project);
    const qb = this.db.getRepository(GlossaryEntry).createQueryBuilder('e').where('e.glossary_id IN (:...ids)', { ids });
    if (query.kind) qb.andWhere('e.kind = :kind', { kind: query.kind });
    const q = query.q?.trim();
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('e.lemma ILIKE :like', { like })
            .orWhere('e.forms::text ILIKE :like')
            .orWhere('e.definition ILIKE :like')
            .orWhere('e.notes ILIKE :like')
            .orWhere('e.first_name ILIKE :like'),
        ),
      );
    }
    const [rows, total] = await qb
      .orderBy('e.lemma IS NULL', 'ASC')
      .addOrderBy('lower(e.lemma)', 'ASC')
      .addOrderBy('lower(e.forms::text)', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
    return { items: rows.map(toEntryView), total, offset: query.offset, limit: query.limit };
  }

  /** Every entry of every glossary the edition uses (for checks and exports). */
  async allEntries(project: Project, glossaryIds?: string[]): Promise<GlossaryEntry[]> {
    const ids = glossaryIds ?? (await this.glossaryIds(project));
    return this.db.getRepository(GlossaryEntry).find({ where: { glossaryId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** A cheap fingerprint of the edition's glossaries and conventions: changes whenever an entry, a link or a convention does. */
  async stamp(project: Project, m: EntityManager = this.db.manager): Promise<string> {
    const [row] = await m.query(
      `SELECT count(e.id) AS n, coalesce(max(e.updated_at), 'epoch') AS at, string_agg(DISTINCT pg.glossary_id::text, ',') AS links,
              (SELECT coalesce(max(updated_at), 'epoch') FROM edition_conventions WHERE project_id = $1) AS conventions
         FROM project_glossaries pg LEFT JOIN glossary_entries e ON e.glossary_id = pg.glossary_id
        WHERE pg.project_id = $1`,
      [project.id],
    );
    return `${row.n}|${new Date(row.at).getTime()}|${row.links ?? ''}|${new Date(row.conventions).getTime()}`;
  }

  /** The entries of every glossary the edition links, read through `m` (inside a caller's transaction). */
  async linkedEntries(m: EntityManager, projectId: string): Promise<GlossaryEntry[]> {
    return m
      .getRepository(GlossaryEntry)
      .createQueryBuilder('e')
      .innerJoin(ProjectGlossary, 'pg', 'pg.glossary_id = e.glossary_id AND pg.project_id = :projectId', { projectId })
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
  }

  private async findEntry(tx: EntityManager, access: ProjectAccess, entryId: string, lock = false): Promise<GlossaryEntry> {
    const ids = await this.glossaryIds(access.project);
    const entry = await tx.getRepository(GlossaryEntry).findOne({ where: { id: entryId, glossaryId: In(ids) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!entry) throw new DomainError('GLOSSARY_ENTRY_NOT_FOUND', { entry: entryId });
    return entry;
  }

  async getEntry(access: ProjectAccess, entryId: string): Promise<GlossaryEntryView> {
    return toEntryView(await this.findEntry(this.db.manager, access, entryId));
  }

  /** Forms the edition's conventions propose for a lemma, per language written in Latin letters. */
  async proposals(access: ProjectAccess, lemma: string, known?: Map<string, EditionScheme>): Promise<Record<string, ReturnType<typeof proposeForms>>> {
    const schemes = known ?? (await this.conventions.schemes(access.project.id, renderedLanguages(access.project)));
    const out: Record<string, ReturnType<typeof proposeForms>> = {};
    for (const [language, { scheme }] of schemes) out[language] = proposeForms(lemma, scheme);
    return out;
  }

  /** The proposed forms as entry forms, for every such language that has none yet. */
  private async withProposedForms(
    access: ProjectAccess,
    lemma: string | null,
    forms: Record<string, EntryForm[]>,
    schemes?: Map<string, EditionScheme>,
  ): Promise<Record<string, EntryForm[]>> {
    if (!lemma?.trim()) return forms;
    const missing = renderedLanguages(access.project).filter((l) => !forms[l]?.length);
    if (!missing.length) return forms;
    const proposed = await this.proposals(access, lemma, schemes);
    const out = { ...forms };
    for (const language of missing) {
      const p = proposed[language]!;
      out[language] = [
        { form: p.preferred, status: 'preferred' },
        ...p.allowed.map((a) => ({ form: a.form, status: 'allowed' as const, contexts: a.contexts })),
        ...p.forbidden.map((f) => ({ form: f.form, status: 'forbidden' as const })),
      ];
    }
    return out;
  }

  async createEntry(access: ProjectAccess, user: AuthUser, dto: CreateGlossaryEntryDto): Promise<GlossaryEntryView> {
    const glossary = await this.usedGlossary(access, dto.glossaryId);
    await this.assertMay(access, user, glossary, 'glossary.edit');
    const fields = normalise({
      lemma: dto.lemma ?? null,
      kind: dto.kind,
      firstName: dto.firstName ?? null,
      patronymic: dto.patronymic ?? null,
      definition: dto.definition ?? '',
      notes: dto.notes ?? '',
      forms: dto.forms ?? {},
    });
    fields.forms = await this.withProposedForms(access, fields.lemma, fields.forms);
    if (!fields.lemma && !Object.keys(fields.forms).length) throw new DomainError('GLOSSARY_IMPORT_INVALID', { reason: 'an entry needs a lemma or a form', at: '-' });
    return this.db.transaction(async (tx) => {
      const entry = await this.insertEntry(tx, glossary, user.id, fields, 'rest');
      return toEntryView(entry);
    });
  }

  private async insertEntry(tx: EntityManager, glossary: Glossary, actorId: string | null, fields: EntryFields, source: HistorySource): Promise<GlossaryEntry> {
    const entry = await tx.save(tx.create(GlossaryEntry, { ...fields, glossaryId: glossary.id, createdBy: actorId, updatedBy: actorId }));
    await this.history.record(tx, { projectId: glossary.projectId, actorId, source, action: 'glossary.entry.created', after: toEntryView(entry) });
    return entry;
  }

  async updateEntry(access: ProjectAccess, user: AuthUser, entryId: string, dto: UpdateGlossaryEntryDto): Promise<GlossaryEntryView> {
    return this.db.transaction(async (tx) => {
      const entry = await this.findEntry(tx, access, entryId, true);
      const glossary = await tx.getRepository(Glossary).findOneByOrFail({ id: entry.glossaryId });
      await this.assertMay(access, user, glossary, 'glossary.edit');
      if (dto.revision !== entry.revision) throw new DomainError('STALE_REVISION', { current: entry.revision, given: dto.revision });
      let target = glossary;
      if (dto.glossaryId && dto.glossaryId !== entry.glossaryId) {
        target = await this.usedGlossary(access, dto.glossaryId);
        await this.assertMay(access, user, target, 'glossary.edit');
      }
      const before = toEntryView(entry);
      const fields = normalise({
        lemma: dto.lemma === undefined ? entry.lemma : dto.lemma,
        kind: dto.kind ?? entry.kind,
        firstName: dto.firstName === undefined ? entry.firstName : dto.firstName,
        patronymic: dto.patronymic === undefined ? entry.patronymic : dto.patronymic,
        definition: dto.definition ?? entry.definition,
        notes: dto.notes ?? entry.notes,
        forms: dto.forms ?? entry.forms,
      });
      if (!fields.lemma && !Object.keys(fields.forms).length) throw new DomainError('GLOSSARY_IMPORT_INVALID', { reason: 'an entry needs a lemma or a form', at: '-' });
      Object.assign(entry, fields, { glossaryId: target.id, revision: entry.revision + 1, updatedBy: user.id });
      const saved = await tx.save(entry);
      await this.history.record(tx, { projectId: glossary.projectId, actorId: user.id, source: 'rest', action: 'glossary.entry.updated', before, after: toEntryView(saved) });
      return toEntryView(saved);
    });
  }

  async deleteEntry(access: ProjectAccess, user: AuthUser, entryId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const entry = await this.findEntry(tx, access, entryId, true);
      const glossary = await tx.getRepository(Glossary).findOneByOrFail({ id: entry.glossaryId });
      await this.assertMay(access, user, glossary, 'glossary.edit');
      await tx.delete(GlossaryEntry, { id: entry.id });
      await this.history.record(tx, { projectId: glossary.projectId, actorId: user.id, source: 'rest', action: 'glossary.entry.deleted', before: toEntryView(entry) });
    });
  }

  async entryHistory(access: ProjectAccess, entryId: string): Promise<GlossaryEntryHistoryView[]> {
    const ids = await this.glossaryIds(access.project);
    const rows = await this.db
      .getRepository(HistoryEntry)
      .createQueryBuilder('h')
      .leftJoinAndMapOne('h.actor', User, 'u', 'u.id = h.actor_id')
      .where(`h.action LIKE 'glossary.entry.%'`)
      .andWhere(`coalesce(h.after ->> 'id', h.before ->> 'id') = :entryId`, { entryId })
      .andWhere(`coalesce(h.after ->> 'glossaryId', h.before ->> 'glossaryId') IN (:...ids)`, { ids })
      .orderBy('h.created_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .getMany();
    if (!rows.length) throw new DomainError('GLOSSARY_ENTRY_NOT_FOUND', { entry: entryId });
    return rows.map((h) => ({
      id: h.id,
      action: h.action,
      actorId: h.actorId,
      actorName: (h as HistoryEntry & { actor?: User }).actor?.displayName ?? null,
      source: h.source,
      before: h.before as GlossaryEntryView | null,
      after: h.after as GlossaryEntryView | null,
      createdAt: h.createdAt.toISOString(),
    }));
  }

  /**
   * Writes imported entries into a glossary in one transaction: an entry with an id of this glossary
   * (from its own export) updates that entry, one with the lemma and kind of an existing entry updates
   * it, the rest are new. Nothing is written if any entry is refused.
   */
  async importEntries(access: ProjectAccess, user: AuthUser, glossaryId: string | undefined, entries: ExchangeEntry[]): Promise<{ created: number; updated: number; skipped: number; glossaryId: string }> {
    const glossary = await this.usedGlossary(access, glossaryId);
    await this.assertMay(access, user, glossary, 'glossary.edit');
    const schemes = await this.conventions.schemes(access.project.id, renderedLanguages(access.project));
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM glossaries WHERE id = $1 FOR UPDATE`, [glossary.id]);
      const existing = await tx.getRepository(GlossaryEntry).findBy({ glossaryId: glossary.id });
      const byId = new Map(existing.map((e) => [e.id, e]));
      const byLemma = new Map(existing.filter((e) => e.lemma).map((e) => [`${e.lemma!.toLowerCase()}\u0000${e.kind}`, e]));
      let created = 0;
      let updated = 0;
      let skipped = 0;
      for (const raw of entries) {
        const fields = normalise(raw);
        fields.forms = await this.withProposedForms(access, fields.lemma, fields.forms, schemes);
        const match = (raw.id && byId.get(raw.id)) || (fields.lemma ? byLemma.get(`${fields.lemma.toLowerCase()}\u0000${fields.kind}`) : undefined);
        if (!match) {
          const entry = await this.insertEntry(tx, glossary, user.id, fields, 'import');
          if (entry.lemma) byLemma.set(`${entry.lemma.toLowerCase()}\u0000${entry.kind}`, entry);
          created++;
          continue;
        }
        const before = toEntryView(match);
        const same = JSON.stringify(normalise(match)) === JSON.stringify(fields);
        if (same) {
          skipped++;
          continue;
        }
        Object.assign(match, fields, { revision: match.revision + 1, updatedBy: user.id });
        const saved = await tx.save(match);
        await this.history.record(tx, { projectId: glossary.projectId, actorId: user.id, source: 'import', action: 'glossary.entry.updated', before, after: toEntryView(saved) });
        updated++;
      }
      return { created, updated, skipped, glossaryId: glossary.id };
    });
  }
}

/** Trimmed texts, empty names as null, no empty form lists; the same entry always compares equal. */
function normalise(e: EntryFields): EntryFields {
  const text = (s: string | null | undefined): string | null => (s?.trim() ? s.trim() : null);
  const forms: Record<string, EntryForm[]> = {};
  for (const [language, list] of Object.entries(e.forms ?? {})) {
    const clean = list
      .map((f) => {
        const out: EntryForm = { form: f.form.trim(), status: f.status };
        if (f.status === 'allowed' && f.contexts?.length) out.contexts = [...new Set(f.contexts)];
        return out;
      })
      .filter((f, i, all) => f.form && all.findIndex((g) => g.form === f.form) === i);
    if (clean.length) forms[language] = clean;
  }
  return {
    lemma: text(e.lemma),
    kind: e.kind,
    firstName: text(e.firstName),
    patronymic: text(e.patronymic),
    definition: e.definition?.trim() ?? '',
    notes: e.notes?.trim() ?? '',
    forms,
  };
}
