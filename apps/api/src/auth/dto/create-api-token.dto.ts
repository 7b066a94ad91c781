import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsNotBlank } from '../../common/validation/validators.js';

export class CreateApiTokenDto {
  @ApiProperty({ example: 'CLI on my laptop' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  name: string;

  @ApiPropertyOptional({ description: 'Days until the token expires; never when omitted' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}
