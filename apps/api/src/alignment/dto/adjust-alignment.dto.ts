import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, Min, ValidateNested } from 'class-validator';

export const OPERATIONS = ['accept', 'shiftUp', 'shiftDown', 'merge', 'split'] as const;

export class AlignmentOperationDto {
  @ApiProperty({ enum: OPERATIONS })
  @IsIn(OPERATIONS)
  op: (typeof OPERATIONS)[number];

  @ApiProperty({ description: 'Index of the bead in the document' })
  @IsInt()
  @Min(0)
  bead: number;

  @ApiPropertyOptional({ description: 'split: cut before this source sentence of the bead' })
  @IsOptional()
  @IsInt()
  @Min(0)
  source?: number;

  @ApiPropertyOptional({ description: 'split: cut before this translation sentence of the bead' })
  @IsOptional()
  @IsInt()
  @Min(0)
  target?: number;
}

export class AdjustAlignmentDto {
  @ApiProperty({ description: 'Index of the document in the proposal' })
  @IsInt()
  @Min(0)
  document: number;

  @ApiProperty({ type: [AlignmentOperationDto] })
  @ValidateNested({ each: true })
  @Type(() => AlignmentOperationDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  operations: AlignmentOperationDto[];

  @ApiPropertyOptional({ description: 'The revision the reviewer saw; a different current one is ALIGNMENT_STALE' })
  @IsOptional()
  @IsInt()
  @Min(1)
  revision?: number;
}
