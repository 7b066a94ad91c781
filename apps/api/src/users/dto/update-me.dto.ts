import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { UI_LANGUAGES, type UiLanguage } from '#libs/contracts';

/** PATCH /api/users/me: what a person changes about their own account. */
export class UpdateMeDto {
  @ApiPropertyOptional({ enum: UI_LANGUAGES, description: 'Language of the UI, the API’s messages and e-mails' })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  locale?: UiLanguage;
}
