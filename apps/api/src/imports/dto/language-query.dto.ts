import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TEXT_ENCODINGS, type TextEncoding } from '#libs/book-import';
import { RENDERING_NAMES, type RenderingName } from '#libs/contracts';
import { LanguageQueryDto } from '../../common/dto/language-query.dto.js';

export class ImportQueryDto extends LanguageQueryDto {
  @ApiPropertyOptional({ description: 'Name of the uploaded file, kept with the job' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  @ApiPropertyOptional({ enum: RENDERING_NAMES, description: 'How the file is rendered; detected from the file when absent' })
  @IsOptional()
  @IsIn(RENDERING_NAMES)
  rendering?: RenderingName;

  @ApiPropertyOptional({ enum: TEXT_ENCODINGS, description: 'Text encoding of the file; detected (by the language of the result) when absent' })
  @IsOptional()
  @IsIn(TEXT_ENCODINGS)
  encoding?: TextEncoding;
}
