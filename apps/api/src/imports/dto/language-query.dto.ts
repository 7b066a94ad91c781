import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LanguageQueryDto } from '../../common/dto/language-query.dto.js';

export class ImportQueryDto extends LanguageQueryDto {
  @ApiPropertyOptional({ description: 'Name of the uploaded file, kept with the job' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;
}
