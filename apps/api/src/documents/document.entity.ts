import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentKind } from '#libs/content';

/** A chapter, or a part of the book around the chapters, at a position in its edition. */
@Entity({ name: 'documents' })
export class Document {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  projectId: string;

  @Column('integer')
  position: number;

  @Column('text')
  kind: DocumentKind;

  /** Title per language: `{ en: 'Introduction', ru: 'Введение' }`. */
  @Column('jsonb', { default: () => "'{}'" })
  titles: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
