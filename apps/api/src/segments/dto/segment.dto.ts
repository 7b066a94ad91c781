import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { SEGMENT_KINDS, type SegmentKind } from '#libs/content';
import { type VariantStatus } from '#libs/contracts';
import { PageQueryDto } from '../../common/pagination.js';
import { IsLanguageTag, IsOffsetMap } from '../../common/validation/validators.js';

const MAIN_FLOW_KINDS = SEGMENT_KINDS.filter((k) => k !== 'noteBody');

export class ListSegmentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated languages whose variants to include; all when omitted', example: 'en,ru' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((l) => l.trim()).filter(Boolean) : value))
  @IsArray()
  @IsLanguageTag({ each: true })
  languages?: string[];
}

export class InsertSegmentDto {
  @ApiProperty({ enum: MAIN_FLOW_KINDS })
  @IsIn(MAIN_FLOW_KINDS)
  kind: SegmentKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 6, description: 'Headings only' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  level?: number;

  @ApiPropertyOptional({ description: 'Insert right after this segment' })
  @IsOptional()
  @IsUUID()
  afterSegmentId?: string;

  @ApiPropertyOptional({ description: 'Position in the main flow (0-based); at the end when omitted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;

  @ApiPropertyOptional({ description: 'Language of the source text when it is not the project’s' })
  @IsOptional()
  @IsLanguageTag()
  language?: string;

  @ApiPropertyOptional({ description: 'Initial text per language: { en: [{ type: "text", text: "…" }] }' })
  @IsOptional()
  @IsObject()
  variants?: Record<string, unknown>;
}

export class UpdateSegmentDto {
  @ApiPropertyOptional({ enum: SEGMENT_KINDS })
  @IsOptional()
  @IsIn(SEGMENT_KINDS)
  kind?: SegmentKind;

  @ApiPropertyOptional({ minimum: 1, maximum: 6 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  level?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsLanguageTag()
  language?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  pages?: string[];
}

export class MoveSegmentDto {
  @ApiProperty({ description: 'New 0-based position among its siblings' })
  @IsInt()
  @Min(0)
  position: number;
}

export class SplitSegmentDto {
  @ApiProperty({ description: 'Character offset in the plain text per language', example: { en: 120, ru: 98 } })
  @IsObject()
  @IsDefined()
  @IsOffsetMap()
  offsets: Record<string, number>;
}

export class WriteVariantDto {
  @ApiProperty({ description: 'Inline content: text runs with marks and footnote references' })
  @IsDefined()
  @IsArray()
  content: unknown[];

  @ApiPropertyOptional({ enum: ['draft', 'translated'] })
  @IsOptional()
  @IsIn(['draft', 'translated'])
  status?: Extract<VariantStatus, 'draft' | 'translated'>;

  @ApiPropertyOptional({ description: 'The revision the edit is based on; refused when the text moved on since' })
  @IsOptional()
  @IsInt()
  @Min(0)
  baseRevision?: number;
}
