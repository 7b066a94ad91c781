import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { IsTitleMap } from '../../common/validation/validators.js';

export class CreateFootnoteDto {
  @ApiPropertyOptional({ description: 'Printed label per language', example: { en: '12', de: '12' } })
  @IsOptional()
  @IsObject()
  @IsTitleMap()
  labels?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Text of the note per language (inline content)' })
  @IsOptional()
  @IsObject()
  body?: Record<string, unknown>;
}

export class UpdateFootnoteDto extends PickType(CreateFootnoteDto, ['labels'] as const) {}
