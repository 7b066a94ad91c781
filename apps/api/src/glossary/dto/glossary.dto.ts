import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ENTRY_KINDS, type EntryForm, type EntryKind, type FindingKind, type Severity } from '#libs/glossary';
import { TEXT_CONTEXTS, type ConventionDefinition, type TextContext } from '#libs/transliteration';
import { IsLanguageTag } from '../../common/validation/validators.js';
import { IsEntryForms, IsFormList } from './glossary-entry.dto.js';

export class CreateGlossaryDto {
  @ApiProperty({ example: 'Series glossary' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class LinkGlossaryDto {
  @ApiProperty({ description: 'A glossary of another edition the caller can read' })
  @IsUUID()
  glossaryId: string;
}

export class CheckTextDto {
  @ApiProperty({ example: 'en' })
  @IsLanguageTag()
  language: string;

  @ApiProperty({ description: 'The target text as the editor has it now', example: 'Zinov’ev and Tomsy' })
  @IsString()
  @MaxLength(100_000)
  text: string;

  @ApiPropertyOptional({ description: 'The segment the text belongs to: its source text is checked against' })
  @IsOptional()
  @IsUUID()
  segmentId?: string;

  @ApiPropertyOptional({ description: 'Source text, when no segment is named' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  sourceText?: string;

  @ApiPropertyOptional({ enum: TEXT_CONTEXTS })
  @IsOptional()
  @IsIn(TEXT_CONTEXTS as unknown as string[])
  context?: TextContext;
}

export class ReportQueryDto {
  @ApiProperty({ example: 'en' })
  @IsLanguageTag()
  language: string;

  @ApiPropertyOptional({ description: 'Also names written one way only', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  all?: boolean;
}

export class FindingsQueryDto {
  @ApiProperty({ example: 'en' })
  @IsLanguageTag()
  language: string;
}

export class SuggestionsQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 50;
}

export class EntryFromClusterDto {
  @ApiProperty({ example: 'en' })
  @IsLanguageTag()
  language: string;

  @ApiProperty({ enum: ENTRY_KINDS })
  @IsIn(ENTRY_KINDS as unknown as string[])
  kind: EntryKind;

  @ApiProperty({ description: 'The cluster’s forms in `language`, one preferred', example: [{ form: 'Tomsky', status: 'preferred' }, { form: 'Tomsy', status: 'forbidden' }] })
  @IsFormList()
  forms: EntryForm[];

  @ApiPropertyOptional({ description: 'Segments where the cluster occurs (the lemma is guessed from their Russian text)' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  segmentIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  glossaryId?: string;
}

const SEVERITIES = ['error', 'warning'];

export class SeveritiesDto implements Partial<Record<FindingKind, Severity>> {
  @IsOptional()
  @IsIn(SEVERITIES)
  'forbidden-form'?: Severity;

  @IsOptional()
  @IsIn(SEVERITIES)
  'variant-form'?: Severity;

  @IsOptional()
  @IsIn(SEVERITIES)
  'context-only-form'?: Severity;

  @IsOptional()
  @IsIn(SEVERITIES)
  'missing-term'?: Severity;
}

export class SetConventionDto {
  @ApiProperty({ description: 'A scheme or convention id (`translit --list`), or `custom`', example: 'hrl-modified' })
  @IsString()
  @MaxLength(100)
  scheme: string;

  @ApiPropertyOptional({ description: 'The edition’s own convention (with scheme `custom`)' })
  @IsOptional()
  @IsObject()
  convention?: ConventionDefinition;

  @ApiPropertyOptional({ example: { 'context-only-form': 'error' } })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SeveritiesDto)
  severities?: SeveritiesDto;
}

export class ExchangeQueryDto {
  @ApiProperty({ enum: ['csv', 'tbx'] })
  @IsIn(['csv', 'tbx'])
  format: 'csv' | 'tbx';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  glossaryId?: string;
}

export class ImportQueryDto {
  @ApiProperty({ enum: ['csv', 'tbx', 'terms'], description: '`terms`: a printed list of "**term [original]:** definition" lines' })
  @IsIn(['csv', 'tbx', 'terms'])
  format: 'csv' | 'tbx' | 'terms';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  glossaryId?: string;

  @ApiPropertyOptional({ description: 'Language of a term list’s terms (default: the first target language)' })
  @IsOptional()
  @IsLanguageTag()
  language?: string;
}

export { IsEntryForms };
