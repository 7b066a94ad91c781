import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, EXPORT_LAYOUTS, type ExportFormat, type ExportLayout, type ExportRequest } from '#libs/contracts';
import { IsLanguageTag } from '../../common/validation/validators.js';

export class CreateExportDto implements ExportRequest {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;

  @ApiProperty({ type: [String], example: ['en', 'ru'], description: 'Editions: one or two; XLIFF: source and target; TMX: none (all)' })
  @IsArray()
  @ArrayMaxSize(2)
  @IsLanguageTag({ each: true })
  languages: string[];

  @ApiPropertyOptional({ description: 'Approved text only; otherwise a draft, marked as such on every page' })
  @IsOptional()
  @IsBoolean()
  final?: boolean;

  @ApiPropertyOptional({ description: 'With final: refuse, listing what is missing, instead of leaving gaps' })
  @IsOptional()
  @IsBoolean()
  refuseIncomplete?: boolean;

  @ApiPropertyOptional({ enum: EXPORT_LAYOUTS })
  @IsOptional()
  @IsIn(EXPORT_LAYOUTS)
  layout?: ExportLayout;
}
