import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, Min } from 'class-validator';
import { DOCUMENT_KINDS, type DocumentKind } from '#libs/content';
import { IsTitleMap } from '../../common/validation/validators.js';

export class CreateDocumentDto {
  @ApiProperty({ enum: DOCUMENT_KINDS })
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @ApiPropertyOptional({ example: { en: 'Introduction', ru: 'Введение' } })
  @IsOptional()
  @IsObject()
  @IsTitleMap()
  titles?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Position among the documents (0-based); at the end when omitted' })
  @IsOptional()
  @IsInt()
  @Min(0)
  position?: number;
}

export class UpdateDocumentDto extends PartialType(CreateDocumentDto) {}
