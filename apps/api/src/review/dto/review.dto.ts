import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsLanguageTag } from '../../common/validation/validators.js';
import { COMMENT_MAX_LENGTH } from '../../comments/dto/comment.dto.js';

const SHA256 = /^[0-9a-f]{64}$/;

export class SetStatusDto {
  @ApiProperty({ enum: ['draft', 'translated'] })
  @IsIn(['draft', 'translated'])
  status: 'draft' | 'translated';
}

export class ApproveDto {
  @ApiProperty({ description: 'The revision of the text the reviewer read' })
  @IsInt()
  @Min(1)
  revision: number;

  @ApiProperty({ description: 'The content hash of the text the reviewer read' })
  @Matches(SHA256)
  contentHash: string;
}

export class RejectDto {
  @ApiProperty({ maxLength: COMMENT_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX_LENGTH)
  reason: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SHA256)
  contentHash?: string;
}

export class SeenSegmentDto {
  @IsUUID()
  segmentId: string;

  @IsInt()
  @Min(1)
  revision: number;

  @Matches(SHA256)
  contentHash: string;
}

export class BulkApproveDto {
  @ApiProperty({ example: 'de' })
  @IsLanguageTag()
  language: string;

  @ApiPropertyOptional({ type: [SeenSegmentDto], description: 'Only these segments, as the reviewer saw them; every translated one when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => SeenSegmentDto)
  segments?: SeenSegmentDto[];
}

export class RevertDto {
  @ApiProperty({ description: 'The history entry whose resulting text to restore' })
  @Matches(/^[0-9]{1,18}$/)
  historyId: string;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}
