import type { GlossaryEntryView } from '#libs/contracts';
import type { ExchangeEntry, GlossaryTerm } from '#libs/glossary';
import type { GlossaryEntry } from './glossary-entry.entity.js';

export const toEntryView = (e: GlossaryEntry): GlossaryEntryView => ({
  id: e.id,
  glossaryId: e.glossaryId,
  lemma: e.lemma,
  kind: e.kind,
  firstName: e.firstName,
  patronymic: e.patronymic,
  definition: e.definition,
  notes: e.notes,
  forms: e.forms,
  revision: e.revision,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

export const toTerm = (e: Pick<GlossaryEntry, 'id' | 'lemma' | 'kind' | 'firstName' | 'patronymic' | 'forms'>): GlossaryTerm => ({
  id: e.id,
  lemma: e.lemma,
  kind: e.kind,
  firstName: e.firstName,
  patronymic: e.patronymic,
  forms: e.forms,
});

export const toExchange = (e: GlossaryEntry): ExchangeEntry => ({
  id: e.id,
  lemma: e.lemma,
  kind: e.kind,
  firstName: e.firstName,
  patronymic: e.patronymic,
  definition: e.definition,
  notes: e.notes,
  forms: e.forms,
});
