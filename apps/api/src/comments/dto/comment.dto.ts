import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsLanguageTag } from '../../common/validation/validators.js';

export const COMMENT_MAX_LENGTH = 10_000;

export class CreateCommentDto {
  @ApiProperty({ description: 'The segment the thread is about' })
  @IsUUID()
  segmentId: string;

  @ApiPropertyOptional({ description: 'The language the thread is about; the whole segment when omitted' })
  @IsOptional()
  @IsLanguageTag()
  language?: string;

  @ApiProperty({ maxLength: COMMENT_MAX_LENGTH, description: 'Text; @email names a member to notify' })
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX_LENGTH)
  body: string;

  @ApiPropertyOptional({ type: [String], description: 'User ids of members to notify' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class ReplyDto {
  @ApiProperty({ maxLength: COMMENT_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_MAX_LENGTH)
  body: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  mentions?: string[];
}

export class UpdateThreadDto {
  @ApiProperty({ description: 'true resolves the thread, false reopens it' })
  @IsBoolean()
  resolved: boolean;
}

export class ListThreadsQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved', 'all'])
  state?: 'open' | 'resolved' | 'all';

  @ApiPropertyOptional({ description: 'Only threads on this segment' })
  @IsOptional()
  @IsUUID()
  segmentId?: string;
}
