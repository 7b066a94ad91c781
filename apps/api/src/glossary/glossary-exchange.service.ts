import { Injectable } from '@nestjs/common';
import type { GlossaryImportView } from '#libs/contracts';
import {
  GlossaryExchangeError,
  MAX_EXCHANGE_BYTES,
  parseGlossaryCsv,
  parseGlossaryTbx,
  parseTermList,
  writeGlossaryCsv,
  writeGlossaryTbx,
  type ExchangeEntry,
} from '#libs/glossary';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthUser, ProjectAccess } from '../common/guards/request-context.js';
import { renderedLanguages } from './edition-conventions.service.js';
import { GlossaryService } from './glossary.service.js';
import { toExchange } from './glossary-views.js';

export type ExchangeFormat = 'csv' | 'tbx' | 'terms';
export const EXCHANGE_FORMATS: readonly ExchangeFormat[] = ['csv', 'tbx', 'terms'];

/** Glossaries in and out: CSV and TBX-Basic both ways, a printed term list in. */
@Injectable()
export class GlossaryExchangeService {
  constructor(private readonly glossary: GlossaryService) {}

  async export(access: ProjectAccess, format: 'csv' | 'tbx', glossaryId?: string): Promise<{ body: string; filename: string; type: string }> {
    const g = await this.glossary.usedGlossary(access, glossaryId);
    const entries = (await this.glossary.allEntries(access.project, [g.id])).map(toExchange);
    const base = `${access.project.slug}-glossary`;
    if (format === 'tbx') {
      return { body: writeGlossaryTbx(entries, { sourceLanguage: 'ru', title: g.name }), filename: `${base}.tbx`, type: 'application/x-tbx+xml; charset=utf-8' };
    }
    const present = new Set(entries.flatMap((e) => Object.keys(e.forms)));
    const own = renderedLanguages(access.project);
    const languages = [...own, ...[...present].filter((l) => !own.includes(l)).sort()];
    return { body: `\uFEFF${writeGlossaryCsv(entries, languages)}`, filename: `${base}.csv`, type: 'text/csv; charset=utf-8' };
  }

  async import(access: ProjectAccess, user: AuthUser, format: ExchangeFormat, bytes: Uint8Array, options: { glossaryId?: string; language?: string }): Promise<GlossaryImportView> {
    if (bytes.length === 0) throw new DomainError('GLOSSARY_IMPORT_INVALID', { reason: 'the file is empty', at: '-' });
    if (bytes.length > MAX_EXCHANGE_BYTES) throw new DomainError('PAYLOAD_TOO_LARGE', { limit: `${MAX_EXCHANGE_BYTES / 1024 / 1024} MB` });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new DomainError('GLOSSARY_IMPORT_INVALID', { reason: 'the file is not UTF-8 text', at: '-' });
    }
    let entries: ExchangeEntry[];
    try {
      if (format === 'csv') entries = parseGlossaryCsv(text);
      else if (format === 'tbx') entries = parseGlossaryTbx(text, { sourceLanguage: 'ru' });
      else {
        const language = options.language ?? renderedLanguages(access.project)[0] ?? access.project.sourceLanguage;
        if (!access.project.languages.includes(language)) throw new DomainError('LANGUAGE_NOT_IN_PROJECT', { language });
        entries = parseTermList(text, language);
      }
    } catch (error) {
      if (!(error instanceof GlossaryExchangeError)) throw error;
      if (error.code === 'UNSAFE') throw new DomainError('XML_UNSAFE', { reason: error.reason });
      if (error.code === 'TOO_LARGE') throw new DomainError('PAYLOAD_TOO_LARGE', { limit: `${MAX_EXCHANGE_BYTES / 1024 / 1024} MB` });
      throw new DomainError('GLOSSARY_IMPORT_INVALID', { reason: error.reason, at: error.at });
    }
    return this.glossary.importEntries(access, user, options.glossaryId, entries);
  }
}
