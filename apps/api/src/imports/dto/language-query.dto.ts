import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsLanguageTag } from '../../common/validation/validators.js';

export class LanguageQueryDto {
  @ApiProperty({ example: 'en' })
  @IsLanguageTag()
  language: string;
}

export class ImportQueryDto extends LanguageQueryDto {
  @ApiPropertyOptional({ description: 'Name of the uploaded file, kept with the job' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;
}
