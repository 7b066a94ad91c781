import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A footnote of a document: its identity is separate from its printed label, which is per language.
 * Its body is the noteBody segments whose footnoteId is this id; its references are footnoteRef nodes
 * inside variants. Either may be absent: both cases are legal and reported.
 */
@Entity({ name: 'footnotes' })
export class Footnote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  documentId: string;

  /** Order of the footnote within its document (the order of its body in the source). */
  @Column('integer')
  position: number;

  /** Printed label per language: `{ en: '76', de: '76' }`. */
  @Column('jsonb', { default: () => "'{}'" })
  labels: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
