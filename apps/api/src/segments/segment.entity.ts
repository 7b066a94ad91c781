import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SegmentKind } from '#libs/content';

/**
 * The unit of alignment. Its id never changes when its text does; `position` orders it within its
 * document's main flow, or within its footnote's body when `footnoteId` is set (kind noteBody).
 */
@Entity({ name: 'segments' })
export class Segment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  documentId: string;

  @Column('uuid', { nullable: true })
  footnoteId: string | null;

  @Column('integer')
  position: number;

  @Column('text')
  kind: SegmentKind;

  /** Heading level 1–6; null for every other kind. */
  @Column('smallint', { nullable: true })
  level: number | null;

  /** Language of the source text when it differs from the project's (a Russian document quoted in an English book). */
  @Column('text', { nullable: true })
  language: string | null;

  /** Source page references, metadata only. */
  @Column('text', { array: true, default: () => "'{}'" })
  pages: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
