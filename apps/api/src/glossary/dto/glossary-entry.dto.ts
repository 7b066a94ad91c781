import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateBy, type ValidationOptions } from 'class-validator';
import { ENTRY_KINDS, type EntryForm, type EntryKind } from '#libs/glossary';
import { TEXT_CONTEXTS } from '#libs/transliteration';
import { PageQueryDto } from '../../common/pagination.js';
import { LANGUAGE_TAG } from '../../common/validation/validators.js';

const STATUSES = ['preferred', 'allowed', 'forbidden'];

const isForm = (f: EntryForm): boolean =>
  typeof f === 'object' &&
  f !== null &&
  typeof f.form === 'string' &&
  f.form.trim().length > 0 &&
  f.form.length <= 200 &&
  STATUSES.includes(f.status) &&
  (f.contexts === undefined || (Array.isArray(f.contexts) && f.contexts.every((c) => (TEXT_CONTEXTS as readonly string[]).includes(c))));

/** A list of at most 50 forms of one language, at most one of them preferred. */
export const isFormList = (forms: unknown): boolean =>
  Array.isArray(forms) && forms.length <= 50 && forms.every(isForm) && forms.filter((f: EntryForm) => f.status === 'preferred').length <= 1;

/** `{ en: [{ form, status, contexts? }] }` with at most one preferred form per language. */
export const IsEntryForms = (options: ValidationOptions = {}): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isEntryForms',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' && value !== null && !Array.isArray(value) && Object.entries(value).every(([language, forms]) => LANGUAGE_TAG.test(language) && isFormList(forms)),
      },
    },
    options,
  );

/** The same for the forms of one language. */
export const IsFormList = (options: ValidationOptions = {}): PropertyDecorator =>
  ValidateBy({ name: 'isEntryForms', validator: { validate: (value: unknown) => isFormList(value) } }, options);

export class CreateGlossaryEntryDto {
  @ApiPropertyOptional({ description: 'Glossary to add to (default: the edition’s own)' })
  @IsOptional()
  @IsUUID()
  glossaryId?: string;

  @ApiPropertyOptional({ description: 'Cyrillic source form, nominative', example: 'Зиновьев', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  lemma?: string | null;

  @ApiProperty({ enum: ENTRY_KINDS })
  @IsIn(ENTRY_KINDS as unknown as string[])
  kind: EntryKind;

  @ApiPropertyOptional({ nullable: true, example: 'Григорий' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  firstName?: string | null;

  @ApiPropertyOptional({ nullable: true, example: 'Евсеевич' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  patronymic?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  definition?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  @ApiPropertyOptional({
    description: 'Forms per language; a target language without forms gets those the edition’s convention proposes',
    example: { en: [{ form: 'Zinoviev', status: 'preferred' }, { form: 'Zinov’ev', status: 'allowed', contexts: ['footnote'] }] },
  })
  @IsOptional()
  @IsObject()
  @IsEntryForms()
  forms?: Record<string, EntryForm[]>;
}

export class UpdateGlossaryEntryDto extends PartialType(CreateGlossaryEntryDto) {
  @ApiProperty({ description: 'The revision the change was made on (a newer one answers STALE_REVISION)' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  revision: number;
}

export class ListGlossaryEntriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Search lemma, forms, definition and notes' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ENTRY_KINDS })
  @IsOptional()
  @IsIn(ENTRY_KINDS as unknown as string[])
  kind?: EntryKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  glossaryId?: string;
}

export class ProposeFormsDto {
  @ApiProperty({ example: 'Раскольников' })
  @IsString()
  @MaxLength(200)
  lemma: string;
}
