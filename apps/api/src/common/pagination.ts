import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?offset=&limit=` of every list route; lists answer with a Page (items, total, offset, limit). */
export class PageQueryDto {
  static readonly MAX_LIMIT = 500;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: PageQueryDto.MAX_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PageQueryDto.MAX_LIMIT)
  limit: number = 50;
}
