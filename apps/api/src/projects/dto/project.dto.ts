import { ApiProperty, PartialType, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, MaxLength, MinLength } from 'class-validator';
import { IsLanguageTag, IsNotBlank, IsSlug } from '../../common/validation/validators.js';

export class CreateProjectDto {
  @ApiProperty({ example: 'bolsheviks-1928', description: 'Short name used in URLs and the CLI' })
  @IsString()
  @IsSlug()
  slug: string;

  @ApiProperty({ example: 'Bolsheviks Against Stalinism, 1928–1933' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @IsNotBlank()
  title: string;

  @ApiProperty({ example: 'ru' })
  @IsString()
  @IsLanguageTag()
  sourceLanguage: string;

  @ApiProperty({ example: ['en', 'de'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(20)
  @IsLanguageTag({ each: true })
  targetLanguages: string[];
}

export class UpdateProjectDto extends PartialType(PickType(CreateProjectDto, ['title', 'targetLanguages'] as const)) {}
