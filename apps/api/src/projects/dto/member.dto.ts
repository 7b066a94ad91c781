import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PROJECT_ROLES, type ProjectRole } from '#libs/contracts';
import { IsLanguageTag } from '../../common/validation/validators.js';

export class AddMemberDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES)
  role: ProjectRole;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Languages the member may edit; null: all' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray()
  @ArrayUnique()
  @IsLanguageTag({ each: true })
  languages?: string[] | null;

  @ApiPropertyOptional({ description: 'Creates the account when no user has this email' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  displayName?: string;

  @ApiPropertyOptional({ minLength: 8 })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;
}

export class UpdateMemberDto extends PartialType(OmitType(AddMemberDto, ['email', 'displayName', 'password'] as const)) {}
