import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?offset=&limit=` of every list route; lists answer with a Page (items, total, offset, limit). */
export class PageQueryDto {
  static readonly MAX_LIMIT = 500;
  /** Far past any list's end, and well inside PostgreSQL's bigint (1e20 was a 500 once). */
  static readonly MAX_OFFSET = 1_000_000_000;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: PageQueryDto.MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PageQueryDto.MAX_OFFSET)
  offset: number = 0;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: PageQueryDto.MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PageQueryDto.MAX_LIMIT)
  limit: number = 50;
}
