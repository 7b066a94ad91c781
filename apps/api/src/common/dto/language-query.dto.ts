import { ApiProperty } from '@nestjs/swagger';
import { IsLanguageTag } from '../validation/validators.js';

/** `?language=xx`: the language a route reads or writes (imports, exports). */
export class LanguageQueryDto {
  @ApiProperty({ example: 'en' })
  @IsLanguageTag()
  language: string;
}
